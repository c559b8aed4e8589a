package dev.rnnx.runtime.backend.nd4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element moves of any element type in plain Java: each output element is copied from a source
 * element chosen by an index map. Transpose, Slice, Expand, Gather, Pad and the other layout
 * kernels only differ in the map they compute.
 */
public final class Moves {
  private Moves() {}

  /**
   * The flat source index of every output element when source positions are affine in the
   * output coordinates: {@code base + sum(coord[k] * strides[k])}.
   *
   * @param outShape the output shape
   * @param strides per output axis, how far the source index moves (0 repeats an element)
   * @param base the source index of output coordinate 0
   * @return row-major source indices, one per output element
   */
  public static int[] affine(long[] outShape, long[] strides, long base) {
    int n = NdArrays.count(outShape);
    int[] map = new int[n];
    int rank = outShape.length;
    long[] coord = new long[rank];
    long src = base;
    for (int i = 0; i < n; i++) {
      map[i] = (int) src;
      for (int k = rank - 1; k >= 0; k--) {
        coord[k]++;
        src += strides[k];
        if (coord[k] < outShape[k]) {
          break;
        }
        src -= strides[k] * coord[k];
        coord[k] = 0;
      }
    }
    return map;
  }

  /**
   * Strides that broadcast a shape to an output shape (numpy rules, aligned at the right).
   *
   * @param shape the input shape
   * @param outShape the broadcast shape
   * @return per output axis, the input stride, 0 where the input is broadcast
   */
  public static long[] broadcastStrides(long[] shape, long[] outShape) {
    long[] inStrides = NdArrays.strides(shape);
    long[] s = new long[outShape.length];
    int offset = outShape.length - shape.length;
    for (int k = 0; k < shape.length; k++) {
      s[k + offset] = shape[k] == 1 ? 0 : inStrides[k];
    }
    return s;
  }

  /**
   * Copies elements by index map.
   *
   * @param src the source, any element type
   * @param outShape the output shape
   * @param map per output element, the flat source index, or -1 for {@code fill}
   * @param fill the source array holding the value for -1 entries (one element), or null
   * @return the new array, of the source's type
   */
  public static INDArray gather(INDArray src, long[] outShape, int[] map, INDArray fill) {
    byte[] in = NdArrays.bytes(src);
    int size = src.data().getElementSize();
    byte[] out = new byte[map.length * size];
    byte[] pad = fill == null ? new byte[size] : NdArrays.bytes(fill.castTo(src.dataType()));
    for (int i = 0; i < map.length; i++) {
      int from = map[i];
      if (from < 0) {
        System.arraycopy(pad, 0, out, i * size, size);
      } else {
        System.arraycopy(in, from * size, out, i * size, size);
      }
    }
    return NdArrays.fromBytes(src.dataType(), outShape, out);
  }

  /** @return the source's elements laid out along an affine map (transpose, slice, expand) */
  public static INDArray affineCopy(INDArray src, long[] outShape, long[] strides, long base) {
    return gather(src, outShape, affine(outShape, strides, base), null);
  }

}
