package dev.rnnx.testdata.reference;

import java.util.Arrays;

/** Numpy-style (multidirectional) broadcasting of shapes, as ONNX's element-wise operators use. */
public final class Broadcast {
  private Broadcast() {}

  /**
   * @param a a shape
   * @param b another shape
   * @return the shape both broadcast to, right-aligned
   * @throws IllegalArgumentException if they are incompatible
   */
  public static long[] shape(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and "
            + Arrays.toString(b) + " do not broadcast");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * Maps a row-major index into the broadcast shape back to the index of the element of a
   * source tensor that provides it.
   *
   * @param index a row-major index into {@code target}
   * @param target the broadcast shape
   * @param source a shape that broadcasts to {@code target}
   * @return the row-major index into {@code source}
   */
  public static int sourceIndex(int index, long[] target, long[] source) {
    int offset = target.length - source.length;
    int result = 0;
    int stride = 1;
    int rest = index;
    for (int axis = target.length - 1; axis >= 0; axis--) {
      int coord = (int) (rest % target[axis]);
      rest /= (int) target[axis];
      if (axis >= offset) {
        long dim = source[axis - offset];
        if (dim != 1) {
          result += coord * stride;
        }
        stride *= (int) dim;
      }
    }
    return result;
  }
}
