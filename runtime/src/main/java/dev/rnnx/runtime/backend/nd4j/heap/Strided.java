package dev.rnnx.runtime.backend.nd4j.heap;

/**
 * Copies of strided views: element i of the output (row-major over {@code shape}) is the
 * source element at {@code offset + sum(index[d] * strides[d])}. Transpose, Slice, Split,
 * Expand and broadcasting are all such views; strides may be zero (broadcast) or negative
 * (reversed). The view's innermost dims that are contiguous in the source are copied as
 * blocks, so a Split or Slice along an outer axis is a few array copies.
 */
final class Strided {
  private Strided() {}

  /** @return the view of {@code x} as a new dense tensor of {@code shape} */
  static Dense copy(Dense x, long[] shape, long[] strides, long offset) {
    int n = Dense.count(shape);
    Object src = x.isFloat() ? x.f : x.l;
    Object out = x.isFloat() ? new float[n] : new long[n];
    if (n > 0) {
      int rank = shape.length;
      int inner = rank; // dims [inner, rank) are contiguous in the source
      long block = 1;
      while (inner > 0 && strides[inner - 1] == block) {
        inner--;
        block *= shape[inner];
      }
      int len = (int) block;
      long[] index = new long[inner];
      long at = offset;
      for (int i = 0; i < n; i += len) {
        System.arraycopy(src, (int) at, out, i, len);
        for (int d = inner - 1; d >= 0; d--) { // odometer over the outer dims
          index[d]++;
          at += strides[d];
          if (index[d] < shape[d]) {
            break;
          }
          at -= strides[d] * index[d];
          index[d] = 0;
        }
      }
    }
    return x.isFloat() ? Dense.floats(shape, (float[]) out)
        : Dense.longs(x.type, shape, (long[]) out);
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
