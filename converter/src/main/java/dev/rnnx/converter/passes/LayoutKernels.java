package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Kernels that move elements without computing on them: Identity, Reshape, Flatten,
 * (Un)Squeeze, Transpose, Concat, Gather, Slice, Expand. They work for every byte-aligned type
 * and for strings.
 */
final class LayoutKernels {
  private LayoutKernels() {}

  /** @param kernels where to add this family's kernels, by operator */
  static void register(Map<String, FoldKernel> kernels) {
    kernels.put("Identity", c -> List.of(c.input(0)));
    kernels.put("Reshape", c -> List.of(c.input(0).reshape(reshaped(c))));
    kernels.put("Flatten", c -> List.of(flatten(c)));
    kernels.put("Squeeze", c -> List.of(c.input(0).reshape(squeezed(c))));
    kernels.put("Unsqueeze", c -> List.of(c.input(0).reshape(unsqueezed(c))));
    kernels.put("Transpose", c -> List.of(transpose(c)));
    kernels.put("Concat", c -> List.of(concat(c)));
    kernels.put("Gather", c -> List.of(gather(c)));
    kernels.put("Slice", c -> List.of(slice(c)));
    kernels.put("Expand", c -> List.of(expand(c)));
  }

  /** Reshape's target: 0 copies the input's dim (unless allowzero), -1 takes what is left. */
  private static long[] reshaped(FoldContext c) {
    long[] in = c.input(0).shape();
    long[] target = c.version() < 5 ? c.node().attribute("shape").orElseThrow(
        () -> new IllegalArgumentException("Reshape-1 needs the 'shape' attribute")).asInts()
        : c.longs(1);
    boolean allowZero = c.version() >= 14 && c.node().intAttr("allowzero", 0) == 1;
    long[] out = target.clone();
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0 && !allowZero) {
        if (i >= in.length) {
          throw new IllegalArgumentException("shape " + Arrays.toString(target)
              + " copies dim " + i + " of shape " + Arrays.toString(in));
        }
        out[i] = in[i];
      }
      if (out[i] == -1 && inferred < 0) {
        inferred = i;
      } else if (out[i] < 0) {
        throw new IllegalArgumentException("invalid shape " + Arrays.toString(target));
      } else {
        known *= out[i];
      }
    }
    long count = Tensor.elementCount(in);
    if (inferred >= 0) {
      if (known == 0 || count % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + Arrays.toString(in) + " to "
            + Arrays.toString(target));
      }
      out[inferred] = count / known;
    }
    return out; // Tensor.reshape checks the element count
  }

  private static Tensor flatten(FoldContext c) {
    Tensor in = c.input(0);
    long[] shape = in.shape();
    long axis = c.node().intAttr("axis", 1);
    if (axis < -shape.length || axis > shape.length) {
      throw new IllegalArgumentException("axis " + axis + " is out of range for rank "
          + shape.length);
    }
    int a = (int) (axis < 0 ? axis + shape.length : axis);
    return in.reshape(Tensor.elementCount(Arrays.copyOfRange(shape, 0, a)),
        Tensor.elementCount(Arrays.copyOfRange(shape, a, shape.length)));
  }

  /** The axes of (Un)Squeeze: an attribute before opset 13, the optional second input from 13. */
  private static long[] axes(FoldContext c) {
    if (c.version() < 13) {
      return c.node().attribute("axes").map(a -> a.asInts()).orElse(null);
    }
    return c.node().input(1).isPresent() ? c.longs(1) : null;
  }

  private static long[] squeezed(FoldContext c) {
    long[] in = c.input(0).shape();
    long[] axes = axes(c);
    boolean[] removed = new boolean[in.length];
    if (axes == null) {
      for (int k = 0; k < in.length; k++) {
        removed[k] = in[k] == 1;
      }
    } else {
      for (long axis : axes) {
        int a = Dims.axis(axis, in.length);
        if (in[a] != 1) {
          throw new IllegalArgumentException("cannot squeeze axis " + axis + " of shape "
              + Arrays.toString(in));
        }
        removed[a] = true;
      }
    }
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < in.length; k++) {
      if (!removed[k]) {
        out.add(in[k]);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] unsqueezed(FoldContext c) {
    long[] in = c.input(0).shape();
    long[] axes = axes(c);
    if (axes == null) {
      throw new IllegalArgumentException("Unsqueeze needs axes");
    }
    int rank = in.length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long axis : axes) {
      int a = Dims.axis(axis, rank);
      if (inserted[a]) {
        throw new IllegalArgumentException("axis " + axis + " is repeated");
      }
      inserted[a] = true;
    }
    long[] out = new long[rank];
    for (int k = 0, next = 0; k < rank; k++) {
      out[k] = inserted[k] ? 1 : in[next++];
    }
    return out;
  }

  private static Tensor transpose(FoldContext c) {
    Tensor in = c.input(0);
    long[] shape = in.shape();
    int rank = shape.length;
    long[] perm = c.node().attribute("perm").map(a -> a.asInts()).orElse(null);
    if (perm == null) {
      perm = new long[rank];
      for (int k = 0; k < rank; k++) {
        perm[k] = rank - 1 - k;
      }
    }
    if (perm.length != rank) {
      throw new IllegalArgumentException("perm " + Arrays.toString(perm) + " does not fit rank "
          + rank);
    }
    long[] strides = Indexing.strides(shape);
    long[] outShape = new long[rank];
    long[] step = new long[rank]; // input stride along each output axis
    boolean[] seen = new boolean[rank];
    for (int k = 0; k < rank; k++) {
      int a = Dims.axis(perm[k], rank);
      if (seen[a]) {
        throw new IllegalArgumentException("perm " + Arrays.toString(perm)
            + " is not a permutation");
      }
      seen[a] = true;
      outShape[k] = shape[a];
      step[k] = strides[a];
    }
    return gatherStrided(in, outShape, step, 0);
  }

  /** Output element at multi-index m reads input offset + sum(m[k] * step[k]). */
  private static Tensor gatherStrided(Tensor in, long[] outShape, long[] step, long offset) {
    TensorBuilder out = new TensorBuilder(in.type(), outShape);
    int n = Math.toIntExact(Tensor.elementCount(outShape));
    int rank = outShape.length;
    long[] counter = new long[rank];
    long at = offset;
    for (int i = 0; i < n; i++) {
      out.copy(i, in, (int) at);
      for (int k = rank - 1; k >= 0; k--) {
        counter[k]++;
        at += step[k];
        if (counter[k] < outShape[k]) {
          break;
        }
        at -= step[k] * counter[k];
        counter[k] = 0;
      }
    }
    return out.build();
  }

  private static Tensor concat(FoldContext c) {
    Tensor first = c.input(0);
    int rank = first.rank();
    int axis = Dims.axis(c.node().intAttr("axis", 1), rank);
    long[] shape = first.shape();
    shape[axis] = 0;
    for (int i = 0; i < c.inputCount(); i++) {
      long[] s = c.input(i).shape();
      if (s.length != rank || c.input(i).type() != first.type()) {
        throw new IllegalArgumentException("cannot concatenate " + first.describe() + " and "
            + c.input(i).describe());
      }
      for (int k = 0; k < rank; k++) {
        if (k != axis && s[k] != first.dim(k)) {
          throw new IllegalArgumentException("cannot concatenate " + first.describe() + " and "
              + c.input(i).describe() + " along axis " + axis);
        }
      }
      shape[axis] += s[axis];
    }
    c.checkSize(shape);
    TensorBuilder out = new TensorBuilder(first.type(), shape);
    long outer = Tensor.elementCount(Arrays.copyOfRange(shape, 0, axis));
    long inner = Tensor.elementCount(Arrays.copyOfRange(shape, axis + 1, rank));
    int to = 0;
    for (long o = 0; o < outer; o++) {
      for (int i = 0; i < c.inputCount(); i++) {
        Tensor t = c.input(i);
        int run = (int) (t.dim(axis) * inner);
        out.copy(to, t, (int) (o * run), run);
        to += run;
      }
    }
    return out.build();
  }

  private static Tensor gather(FoldContext c) {
    Tensor data = c.input(0);
    Tensor indices = c.input(1);
    long[] shape = data.shape();
    int axis = Dims.axis(c.node().intAttr("axis", 0), shape.length);
    long[] idx = indices.toLongArray();
    long[] outShape = new long[shape.length - 1 + indices.rank()];
    System.arraycopy(shape, 0, outShape, 0, axis);
    System.arraycopy(indices.shape(), 0, outShape, axis, indices.rank());
    System.arraycopy(shape, axis + 1, outShape, axis + indices.rank(), shape.length - axis - 1);
    c.checkSize(outShape);
    long outer = Tensor.elementCount(Arrays.copyOfRange(shape, 0, axis));
    int inner = Math.toIntExact(Tensor.elementCount(
        Arrays.copyOfRange(shape, axis + 1, shape.length)));
    TensorBuilder out = new TensorBuilder(data.type(), outShape);
    int to = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : idx) {
        long k = i < 0 ? i + shape[axis] : i;
        if (k < 0 || k >= shape[axis]) {
          throw new IllegalArgumentException("index " + i + " is out of range for dim "
              + shape[axis]);
        }
        out.copy(to, data, (int) ((o * shape[axis] + k) * inner), inner);
        to += inner;
      }
    }
    return out.build();
  }

  private static Tensor slice(FoldContext c) {
    Tensor in = c.input(0);
    long[] shape = in.shape();
    Node n = c.node();
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps = null;
    if (c.version() < 10) {
      starts = n.attribute("starts").orElseThrow().asInts();
      ends = n.attribute("ends").orElseThrow().asInts();
      axes = n.attribute("axes").map(a -> a.asInts()).orElse(null);
    } else {
      starts = c.longs(1);
      ends = c.longs(2);
      axes = n.input(3).isPresent() ? c.longs(3) : null;
      steps = n.input(4).isPresent() ? c.longs(4) : null;
    }
    if (starts.length != ends.length || axes != null && axes.length != starts.length
        || steps != null && steps.length != starts.length) {
      throw new IllegalArgumentException("starts, ends, axes and steps differ in length");
    }
    long[] strides = Indexing.strides(shape);
    long[] outShape = shape.clone();
    long[] step = strides.clone();
    long offset = 0;
    boolean[] sliced = new boolean[shape.length];
    for (int i = 0; i < starts.length; i++) {
      int a = Dims.axis(axes == null ? i : axes[i], shape.length);
      long s = steps == null ? 1 : steps[i];
      if (s == 0 || sliced[a]) {
        throw new IllegalArgumentException(s == 0 ? "a Slice step is 0" : "axis repeated");
      }
      sliced[a] = true;
      long[] range = SlicingRules.sliceRange(starts[i], ends[i], s, shape[a]);
      outShape[a] = range[2];
      step[a] = strides[a] * s;
      offset += range[2] == 0 ? 0 : range[0] * strides[a];
    }
    c.checkSize(outShape);
    return gatherStrided(in, outShape, step, offset);
  }

  private static Tensor expand(FoldContext c) {
    Tensor in = c.input(0);
    long[] shape = c.checkSize(Broadcasting.sizes(in.shape(), c.longs(1)));
    int[] index = Indexing.broadcastIndex(in.shape(), shape);
    TensorBuilder out = new TensorBuilder(in.type(), shape);
    for (int i = 0; i < index.length; i++) {
      out.copy(i, in, index[i]);
    }
    return out.build();
  }
}
