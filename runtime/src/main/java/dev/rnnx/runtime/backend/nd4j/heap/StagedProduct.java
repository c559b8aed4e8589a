package dev.rnnx.runtime.backend.nd4j.heap;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A BLAS product of two variable Java-array matrices, both staged through reused native
 * buffers: for operands that are not constants (else {@link ConstantMatrix}). One instance
 * serves one kernel; not for concurrent use.
 */
final class StagedProduct implements AutoCloseable {
  private final NativeFloats left = new NativeFloats();
  private final NativeFloats right = new NativeFloats();
  private final NativeFloats product = new NativeFloats();

  /**
   * out[m, n] (at outOffset) = a[m, k] b[k, n], a stored [k, m] when transA, b stored [n, k]
   * when transB; empty products write zeros.
   */
  void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
      float[] b, int bOffset, float[] out, int outOffset) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(out, outOffset, outOffset + m * n, 0f);
      return;
    }
    FloatPointer pa = left.put(a, aOffset, m * k);
    FloatPointer pb = right.put(b, bOffset, k * n);
    FloatPointer pc = product.reserve((long) m * n);
    Blas.gemm(transA, transB, m, n, k, pa, pb, false, pc);
    product.get(out, outOffset, m * n);
  }

  @Override
  public void close() {
    left.close();
    right.close();
    product.close();
  }
}
