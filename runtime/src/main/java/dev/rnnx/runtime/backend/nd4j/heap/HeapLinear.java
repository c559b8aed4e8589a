package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.tensor.ElementType;

/**
 * The linear-algebra family of the heap path: Conv, Pad, MatMul, Gemm, the ReduceMean, Sum,
 * Max and Min reductions and Softmax/LogSoftmax, float32 only; plus the small shape helpers
 * they share.
 */
final class HeapLinear {
  private HeapLinear() {}

  static void registerAll(HeapRegistry r) {
    HeapConv.register(r);
    HeapPad.register(r);
    HeapMatMul.register(r);
    HeapGemm.register(r);
    HeapReduce.register(r);
    HeapSoftmax.register(r);
  }

  /** @return true when the node's first input (where declared) and output are float32 */
  static boolean floats(HeapContext ctx) {
    return ctx.outputType(0).orElse(null) == ElementType.FLOAT
        && ctx.type(0).orElse(ElementType.FLOAT) == ElementType.FLOAT;
  }

  /** @return the value's float data, failing on any other type */
  static float[] data(Dense d) {
    if (d.f == null) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "expected float32, got " + d);
    }
    return d.f;
  }

  /** @return a possibly negative axis resolved against a rank */
  static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= Math.max(rank, 1)) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "axis " + axis
          + " is out of range for rank " + rank);
    }
    return (int) a;
  }

  /** @return the product of dims [from, to) */
  static int count(long[] shape, int from, int to) {
    long n = 1;
    for (int i = from; i < to; i++) {
      n *= shape[i];
    }
    return Math.toIntExact(n);
  }

  /** @return the numpy broadcast of two shapes */
  static long[] broadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long x = i - rank + a.length >= 0 ? a[i - rank + a.length] : 1;
      long y = i - rank + b.length >= 0 ? b[i - rank + b.length] : 1;
      if (x != y && x != 1 && y != 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "shapes "
            + java.util.Arrays.toString(a) + " and " + java.util.Arrays.toString(b)
            + " do not broadcast");
      }
      out[i] = x == 1 ? y : x;
    }
    return out;
  }

  /**
   * @param from a shape broadcastable to {@code to}
   * @param to the target shape
   * @return for each flat index of {@code to}, the flat index of {@code from} it reads
   */
  static int[] broadcastIndex(long[] from, long[] to) {
    int rank = to.length;
    long[] strides = new long[rank]; // of from, aligned right, 0 on broadcast dims
    long s = 1;
    for (int i = from.length - 1; i >= 0; i--) {
      int at = i + rank - from.length;
      strides[at] = from[i] == 1 ? 0 : s;
      s *= from[i];
    }
    int[] map = new int[count(to, 0, rank)];
    long[] coord = new long[rank];
    long flat = 0;
    for (int i = 0; i < map.length; i++) {
      map[i] = (int) flat;
      for (int d = rank - 1; d >= 0; d--) {
        flat += strides[d];
        if (++coord[d] < to[d]) {
          break;
        }
        flat -= strides[d] * coord[d];
        coord[d] = 0;
      }
    }
    return map;
  }
}
