package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reductions over axes, ArgMax, CumSum and TopK, in plain Java over a kept-major index map
 * (one bulk read and one bulk write per tensor).
 */
final class ReductionKernels {
  private ReductionKernels() {}

  /** How one output element is computed from the elements it reduces. */
  @FunctionalInterface
  private interface Reducer {
    double reduce(double[] x, int[] order, int from, int count);
  }

  static void registerAll(KernelRegistry r) {
    reduce(r, "ReduceSum", 13, ReductionKernels::sum);
    reduce(r, "ReduceMean", 18, (x, o, f, n) -> sum(x, o, f, n) / n);
    reduce(r, "ReduceMax", 18, (x, o, f, n) -> extreme(x, o, f, n, 1));
    reduce(r, "ReduceMin", 18, (x, o, f, n) -> extreme(x, o, f, n, -1));
    reduce(r, "ReduceProd", 18, (x, o, f, n) -> {
      double p = 1;
      for (int i = 0; i < n; i++) {
        p *= x[o[f + i]];
      }
      return p;
    });
    reduce(r, "ReduceL2", 18, (x, o, f, n) -> {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[o[f + i]] * x[o[f + i]];
      }
      return Math.sqrt(s);
    });
    r.add("ArgMax", 1, (n, c) -> (in, s) -> new INDArray[] {argMax(n, in[0])});
    r.add("CumSum", 11, (n, c) -> (in, s) -> new INDArray[] {cumSum(n, in[0],
        NdArrays.longs(in[1])[0])});
    r.add("TopK", 1, (n, c) -> (in, s) -> topK(n, in[0], n.intAttr("k", 1)));
    r.add("TopK", 10, (n, c) -> (in, s) -> topK(n, in[0], NdArrays.longs(in[1])[0]));
  }

  private static double sum(double[] x, int[] order, int from, int count) {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += x[order[from + i]];
    }
    return s;
  }

  private static double extreme(double[] x, int[] order, int from, int count, int sign) {
    double best = sign > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      double v = x[order[from + i]];
      if (Double.isNaN(v)) {
        return v;
      }
      best = sign > 0 ? Math.max(best, v) : Math.min(best, v);
    }
    return best;
  }

  /**
   * Registers a reduction with axes as an attribute before {@code axesInputSince} and as the
   * optional second input from then on (with noop_with_empty_axes).
   */
  private static void reduce(KernelRegistry r, String op, long axesInputSince, Reducer f) {
    r.add(op, 1, (n, c) -> (in, s) -> new INDArray[] {reduce(in[0],
        n.attribute("axes").map(a -> a.asInts()).orElse(new long[0]), false, n, f)});
    r.add(op, axesInputSince, (n, c) -> (in, s) -> new INDArray[] {reduce(in[0],
        in.length > 1 && in[1] != null ? NdArrays.longs(in[1]) : new long[0],
        n.intAttr("noop_with_empty_axes", 0) == 1, n, f)});
  }

  private static INDArray reduce(INDArray x, long[] axes, boolean noopWhenEmpty, Node n,
      Reducer f) {
    if (axes.length == 0 && noopWhenEmpty) {
      return x.dup();
    }
    long[] shape = x.shape();
    boolean[] mask = axes.length == 0 ? all(shape.length) : Axes.mask(axes, shape.length);
    Axes split = Axes.of(shape, mask);
    double[] v = NdArrays.doubles(x);
    double[] out = new double[split.outputs()];
    int count = split.reducedCount();
    for (int o = 0; o < out.length; o++) {
      out[o] = f.reduce(v, split.order(), o * count, count);
    }
    return NdArrays.of(x.dataType(), Axes.reducedShape(shape, mask,
        n.intAttr("keepdims", 1) == 1), out);
  }

  private static boolean[] all(int rank) {
    boolean[] m = new boolean[rank];
    Arrays.fill(m, true);
    return m;
  }

  private static INDArray argMax(Node n, INDArray x) {
    long[] shape = x.shape();
    boolean[] mask = Axes.mask(new long[] {n.intAttr("axis", 0)}, shape.length);
    boolean last = n.intAttr("select_last_index", 0) == 1;
    Axes split = Axes.of(shape, mask);
    double[] v = NdArrays.doubles(x);
    int count = split.reducedCount();
    long[] out = new long[split.outputs()];
    for (int o = 0; o < out.length; o++) {
      int best = 0;
      for (int i = 1; i < count; i++) {
        double a = v[split.order()[o * count + i]];
        double b = v[split.order()[o * count + best]];
        if (a > b || (last && a == b)) {
          best = i;
        }
      }
      out[o] = best;
    }
    return NdArrays.of(DataType.LONG, Axes.reducedShape(shape, mask,
        n.intAttr("keepdims", 1) == 1), out);
  }

  private static INDArray cumSum(Node n, INDArray x, long axis) {
    long[] shape = x.shape();
    boolean[] mask = Axes.mask(new long[] {axis}, shape.length);
    Axes split = Axes.of(shape, mask);
    boolean exclusive = n.intAttr("exclusive", 0) == 1;
    boolean reverse = n.intAttr("reverse", 0) == 1;
    double[] v = NdArrays.doubles(x);
    double[] out = new double[v.length];
    int count = split.reducedCount();
    for (int o = 0; o < split.outputs(); o++) {
      double acc = 0;
      for (int step = 0; step < count; step++) {
        int i = split.order()[o * count + (reverse ? count - 1 - step : step)];
        if (exclusive) {
          out[i] = acc;
          acc += v[i];
        } else {
          acc += v[i];
          out[i] = acc;
        }
      }
    }
    return NdArrays.of(x.dataType(), shape, out);
  }

  /** TopK: values and int64 indices along an axis; ties keep the lower index first. */
  private static INDArray[] topK(Node n, INDArray x, long k) {
    long[] shape = x.shape();
    int axis = NdArrays.axis(n.intAttr("axis", -1), shape.length);
    boolean largest = n.intAttr("largest", 1) == 1;
    boolean[] mask = Axes.mask(new long[] {axis}, shape.length);
    Axes split = Axes.of(shape, mask);
    double[] v = NdArrays.doubles(x);
    int count = split.reducedCount();
    long[] outShape = shape.clone();
    outShape[axis] = k;
    int outer = split.outputs();
    long[] outStrides = NdArrays.strides(outShape);
    long[] keptStrides = new long[shape.length - 1];
    for (int d = 0, j = 0; d < shape.length; d++) {
      if (d != axis) {
        keptStrides[j++] = outStrides[d];
      }
    }
    int[] base = Moves.affine(split.keptShape(), keptStrides, 0);
    double[] values = new double[outer * (int) k];
    long[] indices = new long[values.length];
    for (int o = 0; o < outer; o++) {
      int from = o * count;
      Comparator<Integer> byValue = Comparator.comparingDouble(i -> v[split.order()[from + i]]);
      Integer[] idx = IntStream.range(0, count).boxed().sorted(
          (largest ? byValue.reversed() : byValue).thenComparing(i -> i)).toArray(Integer[]::new);
      for (int j = 0; j < k; j++) {
        int at = (int) (base[o] + j * outStrides[axis]);
        values[at] = v[split.order()[from + idx[j]]];
        indices[at] = idx[j];
      }
    }
    return new INDArray[] {NdArrays.of(x.dataType(), outShape, values),
        NdArrays.of(DataType.LONG, outShape, indices)};
  }
}
