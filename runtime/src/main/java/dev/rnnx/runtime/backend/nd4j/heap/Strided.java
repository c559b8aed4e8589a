package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.runtime.backend.nd4j.kernels.Moves;

/**
 * Copies of strided views: element i of the output (row-major over {@code shape}) is the
 * source element at {@code offset + sum(index[d] * strides[d])}. Transpose, Slice, Expand and
 * broadcasting are all such views; strides may be zero (broadcast) or negative (reversed).
 */
final class Strided {
  private Strided() {}

  /** @return the view of {@code x} as a new dense tensor of {@code shape} */
  static Dense copy(Dense x, long[] shape, long[] strides, long offset) {
    return gather(x, shape, Moves.affine(shape, strides, offset));
  }

  /** @return a tensor of {@code shape} whose element i is element {@code src[i]} of x */
  static Dense gather(Dense x, long[] shape, int[] src) {
    int n = src.length;
    if (x.f != null) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = x.f[src[i]];
      }
      return Dense.floats(shape, out);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = x.l[src[i]];
    }
    return Dense.longs(x.type, shape, out);
  }
}
