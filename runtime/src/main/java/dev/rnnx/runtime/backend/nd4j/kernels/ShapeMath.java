package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape arithmetic of the layout operators on plain Java arrays, shared by the ND4J
 * kernels and the heap path: what shape a Reshape, Flatten, Squeeze or Unsqueeze makes, and
 * which strided view a Transpose, Slice or Split part is.
 */
public final class ShapeMath {
  private ShapeMath() {}

  /**
   * A strided view of a row-major tensor: output element at coordinates c reads source index
   * {@code offset + sum(c[k] * strides[k])}.
   *
   * @param shape the view's dims
   * @param strides per view axis, the source stride (negative walks backwards)
   * @param offset the source index of coordinate 0
   */
  public record View(long[] shape, long[] strides, long offset) {}

  /** @return Reshape's target: 0 copies the input's dim (unless allowzero), -1 takes the rest */
  public static long[] reshape(long[] in, long[] target, boolean allowZero) {
    long[] shape = target.clone();
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == 0 && !allowZero) {
        shape[i] = in[i];
      }
      if (shape[i] == -1) {
        inferred = i;
      } else {
        known *= shape[i];
      }
    }
    if (inferred >= 0) {
      shape[inferred] = known == 0 ? 0 : NdArrays.count(in) / known;
    }
    return shape;
  }

  /** @return Flatten's 2-D shape around {@code axis} */
  public static long[] flatten(long[] s, long axis) {
    int a = (int) (axis < 0 ? axis + s.length : axis);
    return new long[] {NdArrays.count(Arrays.copyOfRange(s, 0, a)),
        NdArrays.count(Arrays.copyOfRange(s, a, s.length))};
  }

  /** @return the shape without the given axes (null: without every dim of size 1) */
  public static long[] squeeze(long[] s, long[] axes) {
    boolean[] drop = axes == null ? new boolean[s.length] : Axes.mask(axes, s.length);
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < s.length; k++) {
      if (!(drop[k] || (axes == null && s[k] == 1))) {
        out.add(s[k]);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** @return the shape with dims of size 1 inserted at the given output axes */
  public static long[] unsqueeze(long[] s, long[] axes) {
    int rank = s.length + axes.length;
    boolean[] added = Axes.mask(axes, rank);
    long[] out = new long[rank];
    for (int k = 0, j = 0; k < rank; k++) {
      out[k] = added[k] ? 1 : s[j++];
    }
    return out;
  }

  /** @return the view that permutes the axes (null perm: reversed) */
  public static View transpose(long[] s, long[] perm) {
    long[] p = perm;
    if (p == null) {
      p = new long[s.length];
      for (int k = 0; k < s.length; k++) {
        p[k] = s.length - 1 - k;
      }
    }
    long[] strides = NdArrays.strides(s);
    long[] outShape = new long[s.length];
    long[] outStrides = new long[s.length];
    for (int k = 0; k < s.length; k++) {
      outShape[k] = s[(int) p[k]];
      outStrides[k] = strides[(int) p[k]];
    }
    return new View(outShape, outStrides, 0);
  }

  /** @return Slice's view, numpy clamping of starts and ends; negative steps walk backwards */
  public static View slice(long[] s, long[] starts, long[] ends, long[] axesOrNull,
      long[] stepsOrNull) {
    long[] strides = NdArrays.strides(s);
    long[] outShape = s.clone();
    long[] outStrides = strides.clone();
    long base = 0;
    for (int i = 0; i < starts.length; i++) {
      int a = axesOrNull == null ? i : NdArrays.axis(axesOrNull[i], s.length);
      long step = stepsOrNull == null ? 1 : stepsOrNull[i];
      long dim = s[a];
      long start = starts[i] < 0 ? starts[i] + dim : starts[i];
      long end = ends[i] < 0 ? ends[i] + dim : ends[i];
      if (step > 0) {
        start = Math.max(0, Math.min(start, dim));
        end = Math.max(0, Math.min(end, dim));
        outShape[a] = Math.max(0, (end - start + step - 1) / step);
      } else {
        start = Math.max(-1, Math.min(start, dim - 1));
        end = Math.max(-1, Math.min(end, dim - 1));
        outShape[a] = Math.max(0, (start - end - step - 1) / -step);
      }
      outStrides[a] = strides[a] * step;
      if (outShape[a] > 0) {
        base += start * strides[a];
      }
    }
    return new View(outShape, outStrides, base);
  }

  /**
   * @param whole the split axis' length
   * @param parts the output count
   * @param sizes the given part lengths, or null for equal parts (num_outputs, opset 18: the
   *     last part may be shorter)
   * @return the part lengths
   */
  public static long[] splitLengths(long whole, int parts, long[] sizes) {
    if (sizes != null) {
      return sizes;
    }
    long each = (whole + parts - 1) / parts;
    long[] lengths = new long[parts];
    for (int i = 0; i < parts; i++) {
      lengths[i] = Math.max(0, Math.min(each, whole - i * each));
    }
    return lengths;
  }

  /** @return Shape's output: dims [start, end) with negative and out-of-range bounds clamped */
  public static long[] shapeRange(long[] dims, long start, Long end) {
    int rank = dims.length;
    long from = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
    long e = end == null ? rank : end;
    long to = Math.max(0, Math.min(rank, e < 0 ? e + rank : e));
    return to > from ? Arrays.copyOfRange(dims, (int) from, (int) to) : new long[0];
  }

  /**
   * Gather along one axis: out[outer, indices..., inner] = data[outer, indices[...], inner].
   *
   * @param shape the data shape
   * @param axis the gathered axis (non-negative)
   * @param indicesShape the indices' dims
   * @return the output shape (data dims with the axis replaced by the indices' dims)
   */
  public static long[] gatherShape(long[] shape, int axis, long[] indicesShape) {
    long[] out = new long[shape.length - 1 + indicesShape.length];
    System.arraycopy(shape, 0, out, 0, axis);
    System.arraycopy(indicesShape, 0, out, axis, indicesShape.length);
    System.arraycopy(shape, axis + 1, out, axis + indicesShape.length,
        shape.length - axis - 1);
    return out;
  }

  /**
   * @return for each element of Gather's output, the flat data index it reads; negative
   *     indices count from the end
   * @throws RnnxException INVALID_ARGUMENT for an index out of range
   */
  public static int[] gatherMap(long[] shape, int axis, long[] indices) {
    long outer = NdArrays.count(Arrays.copyOfRange(shape, 0, axis));
    long inner = NdArrays.count(Arrays.copyOfRange(shape, axis + 1, shape.length));
    int[] map = new int[Math.toIntExact(outer * indices.length * inner)];
    int at = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : indices) {
        long base = (o * shape[axis] + index(i, shape[axis])) * inner;
        for (long j = 0; j < inner; j++) {
          map[at++] = (int) (base + j);
        }
      }
    }
    return map;
  }

  /** @return index i of a dimension, negative counting from the end */
  public static long index(long i, long dim) {
    long j = i < 0 ? i + dim : i;
    if (j < 0 || j >= dim) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "index " + i
          + " is out of range for a dimension of " + dim);
    }
    return j;
  }

  /**
   * @param j a position along an axis of the padded output, minus the begin pad
   * @param dim the input's length along it
   * @param mode constant, edge, wrap or reflect
   * @return the input position Pad reads there, or -1 for the constant value
   * @throws RnnxException UNSUPPORTED for another mode
   */
  public static long padSource(long j, long dim, String mode) {
    if (j >= 0 && j < dim) {
      return j;
    }
    switch (mode) {
      case "constant":
        return -1;
      case "edge":
        return j < 0 ? 0 : dim - 1;
      case "wrap":
        return Math.floorMod(j, dim);
      case "reflect":
        if (dim == 1) {
          return 0;
        }
        long period = 2 * (dim - 1);
        long m = Math.floorMod(j, period);
        return m < dim ? m : period - m;
      default:
        throw new RnnxException(ErrorCode.UNSUPPORTED, "Pad mode '" + mode + "'");
    }
  }

  /**
   * @return numpy matmul's output shape: [batch..., m, n], without the axis a 1-D operand was
   *     promoted on
   */
  public static long[] matMulShape(long[] batch, long m, long n, boolean aIsVector,
      boolean bIsVector) {
    long[] out = new long[batch.length + 2];
    System.arraycopy(batch, 0, out, 0, batch.length);
    out[batch.length] = m;
    out[batch.length + 1] = n;
    if (aIsVector) {
      out = drop(out, batch.length);
    }
    if (bIsVector) {
      out = drop(out, out.length - 1);
    }
    return out;
  }

  private static long[] drop(long[] s, int axis) {
    long[] out = new long[s.length - 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (i != axis) {
        out[j++] = s[i];
      }
    }
    return out;
  }
}
