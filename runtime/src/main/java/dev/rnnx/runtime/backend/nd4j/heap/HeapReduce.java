package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.Moves;
import dev.rnnx.runtime.backend.nd4j.kernels.NdArrays;
import java.util.Arrays;

/**
 * ReduceSum, ReduceMean, ReduceMax and ReduceMin over a set of axes (all when none are
 * given), with keepdims: axes as an attribute before opset 13 (ReduceSum) or 18 (the others),
 * as the optional second input from then on, with noop_with_empty_axes. Accumulates in double
 * like the ND4J kernels; NaN propagates through Max and Min.
 */
final class HeapReduce implements HeapKernel {
  /** The reduction computed. */
  enum Kind { SUM, MEAN, MAX, MIN }

  private final Kind kind;
  private final boolean keepDims;
  private final long[] attributeAxes; // attribute form, else null (axes are input 1)
  private final boolean noopWhenEmpty;
  private long[] lastShape;
  private long[] lastAxes;
  private long[] outShape;
  private int[] map; // [input size]: the output element each input element reduces into
  private int reducedCount;

  static void register(HeapRegistry r) {
    add(r, "ReduceSum", Kind.SUM, 13);
    add(r, "ReduceMean", Kind.MEAN, 18);
    add(r, "ReduceMax", Kind.MAX, 18);
    add(r, "ReduceMin", Kind.MIN, 18);
  }

  private static void add(HeapRegistry r, String op, Kind kind, long axesInputSince) {
    r.add(op, 1, (n, ctx) -> create(n, ctx, kind, true));
    r.add(op, axesInputSince, (n, ctx) -> create(n, ctx, kind, false));
  }

  private static HeapKernel create(Node n, HeapContext ctx, Kind kind, boolean attribute) {
    if (!HeapLinear.floats(ctx)) {
      return null;
    }
    return new HeapReduce(kind, n.intAttr("keepdims", 1) == 1,
        attribute ? n.attribute("axes").map(Attribute::asInts).orElse(new long[0]) : null,
        !attribute && n.intAttr("noop_with_empty_axes", 0) == 1);
  }

  private HeapReduce(Kind kind, boolean keepDims, long[] attributeAxes,
      boolean noopWhenEmpty) {
    this.kind = kind;
    this.keepDims = keepDims;
    this.attributeAxes = attributeAxes;
    this.noopWhenEmpty = noopWhenEmpty;
  }

  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense x = in[0];
    float[] xv = HeapLinear.data(x);
    long[] axes = attributeAxes != null ? attributeAxes
        : in.length > 1 && in[1] != null ? in[1].asLongs() : new long[0];
    if (axes.length == 0 && noopWhenEmpty) {
      return new Dense[] {x};
    }
    if (map == null || !Arrays.equals(lastShape, x.shape) || !Arrays.equals(lastAxes, axes)) {
      plan(x.shape, axes);
    }
    double[] acc = new double[Dense.count(outShape)];
    switch (kind) {
      case MAX -> Arrays.fill(acc, Double.NEGATIVE_INFINITY);
      case MIN -> Arrays.fill(acc, Double.POSITIVE_INFINITY);
      default -> { }
    }
    int[] m = map;
    switch (kind) {
      case SUM, MEAN -> {
        for (int i = 0; i < xv.length; i++) {
          acc[m[i]] += xv[i];
        }
      }
      case MAX -> {
        for (int i = 0; i < xv.length; i++) {
          float v = xv[i];
          if (v > acc[m[i]] || v != v) {
            acc[m[i]] = v;
          }
        }
      }
      case MIN -> {
        for (int i = 0; i < xv.length; i++) {
          float v = xv[i];
          if (v < acc[m[i]] || v != v) {
            acc[m[i]] = v;
          }
        }
      }
      default -> throw new IllegalStateException();
    }
    float[] y = new float[acc.length];
    for (int o = 0; o < y.length; o++) {
      y[o] = (float) (kind == Kind.MEAN ? acc[o] / reducedCount : acc[o]);
    }
    return new Dense[] {Dense.floats(outShape.clone(), y)};
  }

  private void plan(long[] shape, long[] axes) {
    int rank = shape.length;
    boolean[] reduced = new boolean[rank];
    if (axes.length == 0) {
      Arrays.fill(reduced, true);
    }
    for (long a : axes) {
      reduced[NdArrays.axis(a, rank)] = true;
    }
    long[] strides = new long[rank]; // of the output per input dim, 0 on reduced dims
    long s = 1;
    int count = 1;
    int kept = 0;
    for (int d = rank - 1; d >= 0; d--) {
      if (reduced[d]) {
        count *= (int) shape[d];
      } else {
        strides[d] = s;
        s *= shape[d];
        kept++;
      }
    }
    long[] out = new long[keepDims ? rank : kept];
    for (int d = 0, j = 0; d < rank; d++) {
      if (!reduced[d]) {
        out[j++] = shape[d];
      } else if (keepDims) {
        out[j++] = 1;
      }
    }
    int[] m = Moves.affine(shape, strides, 0); // each input element's output slot
    lastShape = shape.clone();
    lastAxes = axes.clone();
    outShape = out;
    map = m;
    reducedCount = count;
  }
}
