package dev.rnnx.runtime.backend.nd4j.heap;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Row-major single-precision products on OpenBLAS, the BLAS under ND4J's native backend,
 * called directly: ND4J's own gemm costs about 120 microseconds per call at recurrent step
 * sizes against 9 for the BLAS call it wraps.
 */
final class Blas {
  private Blas() {}

  /**
   * c[m, n] = a[m, k] b[k, n] (+ c when {@code accumulate}), all row-major, a or b transposed
   * in memory when flagged (then stored [k, m] or [n, k]).
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
      FloatPointer b, boolean accumulate, FloatPointer c) {
    gemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, accumulate, c, n);
  }

  /**
   * As {@link #gemm(boolean, boolean, int, int, int, FloatPointer, FloatPointer, boolean,
   * FloatPointer)} with explicit leading dimensions (row strides), for submatrices.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
      FloatPointer b, int ldb, boolean accumulate, FloatPointer c, int ldc) {
    float beta = accumulate ? 1f : 0f;
    if (m == 1 && !transA) { // a row vector: c^T = op(b)^T a^T
      openblas.cblas_sgemv(openblas.CblasRowMajor, transB ? openblas.CblasNoTrans
          : openblas.CblasTrans, transB ? n : k, transB ? k : n, 1f, b, ldb, a, 1, beta, c, 1);
      return;
    }
    openblas.cblas_sgemm(openblas.CblasRowMajor,
        transA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
  }
}
