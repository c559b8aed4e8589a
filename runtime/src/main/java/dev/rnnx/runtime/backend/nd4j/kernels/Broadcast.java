package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.Arrays;

/** Numpy-style multidirectional broadcasting of shapes, as ONNX defines it. */
public final class Broadcast {
  private Broadcast() {}

  /** @return the shape all the given shapes broadcast to */
  public static long[] shape(long[]... shapes) {
    int rank = 0;
    for (long[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (long[] s : shapes) {
      for (int k = 0; k < s.length; k++) {
        int o = rank - s.length + k;
        if (s[k] != 1) {
          if (out[o] != 1 && out[o] != s[k]) {
            throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "shapes "
                + Arrays.deepToString(shapes) + " do not broadcast");
          }
          out[o] = s[k];
        }
      }
    }
    return out;
  }

  /** @return for each element of {@code out}, the flat index of the element of {@code shape} */
  public static int[] map(long[] shape, long[] out) {
    return Moves.affine(out, Moves.broadcastStrides(shape, out), 0);
  }
}
