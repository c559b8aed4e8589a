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

  /** @return the product of dims [from, to) */
  static int count(long[] shape, int from, int to) {
    long n = 1;
    for (int i = from; i < to; i++) {
      n *= shape[i];
    }
    return Math.toIntExact(n);
  }
}
