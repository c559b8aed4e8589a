package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;

/**
 * The ONNX {@code Gemm} operator: {@code Y = alpha * A' * B' + beta * C}, where {@code A'} is
 * {@code A} or its transpose ({@code transA}), likewise {@code B'}, and {@code C} broadcasts to
 * {@code [M, N]}.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * @param a {@code [M, K]}, or {@code [K, M]} when {@code transA}
   * @param b {@code [K, N]}, or {@code [N, K]} when {@code transB}
   * @param c a tensor broadcastable to {@code [M, N]}, or null for none
   * @param alpha the product's factor
   * @param beta {@code C}'s factor
   * @param transA whether to transpose {@code A}
   * @param transB whether to transpose {@code B}
   * @return {@code [M, N]}, in {@code A}'s element type
   */
  public static Tensor gemm(Tensor a, Tensor b, Tensor c, double alpha, double beta,
      boolean transA, boolean transB) {
    double[][] am = NdArrays.matrix(a);
    double[][] bm = NdArrays.matrix(b);
    int m = transA ? am[0].length : am.length;
    int k = transA ? am.length : am[0].length;
    int n = transB ? bm.length : bm[0].length;
    long[] outShape = {m, n};
    double[] cv = c == null ? null : c.toDoubleArray();
    double[] out = new double[m * n]; // [M, N]
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int q = 0; q < k; q++) {
          double aiq = transA ? am[q][i] : am[i][q];
          double bqj = transB ? bm[j][q] : bm[q][j];
          sum += aiq * bqj;
        }
        double y = alpha * sum;
        if (cv != null) {
          y += beta * cv[Broadcast.sourceIndex(i * n + j, outShape, c.shape())];
        }
        out[i * n + j] = y;
      }
    }
    return Tensor.ofDoubles(a.type(), out, m, n);
  }

  /**
   * {@code Gemm} with its attribute defaults: {@code alpha = beta = 1}, no transposes.
   *
   * @param a {@code [M, K]}
   * @param b {@code [K, N]}
   * @param c broadcastable to {@code [M, N]}, or null
   * @return {@code A * B + C}
   */
  public static Tensor gemm(Tensor a, Tensor b, Tensor c) {
    return gemm(a, b, c, 1, 1, false, false);
  }
}
