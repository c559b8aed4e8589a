package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MatMul and Gemm on ND4J's BLAS matmul (batched MatMul as one batched call), and Einsum in
 * plain Java.
 */
final class LinearAlgebraKernels {
  private LinearAlgebraKernels() {}

  static void registerAll(KernelRegistry r) {
    r.simple("MatMul", 1, in -> matMul(in[0], in[1]));
    r.add("Gemm", 1, (n, c) -> (in, s) -> LayoutKernels.out(gemm(n, in)));
    r.add("Einsum", 12, (n, c) -> {
      EinsumPlan plan = new EinsumPlan(n.stringAttr("equation", ""));
      return (in, s) -> LayoutKernels.out(plan.apply(in));
    });
  }

  /** @return a 2-D product on ND4J's BLAS gemm, row-major */
  static INDArray mmul(INDArray a, INDArray b) {
    INDArray out = NdArrays.zeros(a.dataType(), a.shape()[0], b.shape()[1]);
    if (a.length() > 0 && b.length() > 0) {
      gemm(NdArrays.contiguous(a), NdArrays.contiguous(b), out);
    }
    return out;
  }

  /** out = a b through ND4J's gemm, for dense row-major operands and result. */
  static void gemm(INDArray a, INDArray b, INDArray out) {
    Nd4j.gemm(a, b, out, false, false, 1.0, 0.0);
  }

  /**
   * A dense column-major [rows, cols] array: its memory is exactly that of the row-major
   * [cols, rows] matrix, so row-major code reads and writes it unchanged.
   *
   * @param memory the elements in memory order, or null for zeros
   */
  static INDArray columnMajor(DataType type, long rows, long cols, double[] memory) {
    INDArray a = Nd4j.create(type, new long[] {rows, cols}, 'f');
    if (memory != null) {
      NdArrays.write(a, memory);
    }
    return a;
  }

  /**
   * out = a b on column-major operands straight through BLAS (no ND4J op in between), which
   * at recurrent step sizes takes half the time of INDArray.mmul. With row-major data this is
   * out^T = b^T a^T: pass the row-major factors in swapped order.
   */
  static void gemmColumnMajor(INDArray a, INDArray b, INDArray out) {
    Nd4j.getBlasWrapper().level3().gemm('f', 'N', 'N', 1.0, a, b, 0.0, out);
  }

  /** Numpy matmul: 1-D operands are promoted and their axis removed, batch dims broadcast. */
  static INDArray matMul(INDArray a, INDArray b) {
    long[] as = a.shape();
    long[] bs = b.shape();
    long[] a2 = as.length == 1 ? new long[] {1, as[0]} : as;
    long[] b2 = bs.length == 1 ? new long[] {bs[0], 1} : bs;
    long m = a2[a2.length - 2];
    long k = a2[a2.length - 1];
    long n = b2[b2.length - 1];
    long[] batch = Broadcast.shape(Arrays.copyOfRange(a2, 0, a2.length - 2),
        Arrays.copyOfRange(b2, 0, b2.length - 2));
    int count = NdArrays.count(batch);
    INDArray product;
    if (count == 1) {
      product = mmul(LayoutKernels.reshaped(a, new long[] {m, k}),
          LayoutKernels.reshaped(b, new long[] {k, n}));
    } else {
      INDArray x = batchTo(a, a2, batch, m, k);
      INDArray y = batchTo(b, b2, batch, k, n);
      product = NdArrays.contiguous(Nd4j.matmul(x, y));
    }
    long[] out = ShapeMath.matMulShape(batch, m, n, as.length == 1, bs.length == 1);
    return LayoutKernels.reshaped(product, out);
  }

  /** @return x broadcast to [batch..., rows, cols], as [count, rows, cols] */
  private static INDArray batchTo(INDArray x, long[] shape2, long[] batch, long rows, long cols) {
    long[] target = new long[batch.length + 2];
    System.arraycopy(batch, 0, target, 0, batch.length);
    target[batch.length] = rows;
    target[batch.length + 1] = cols;
    INDArray shaped = LayoutKernels.reshaped(x, shape2);
    INDArray full = Arrays.equals(shape2, target) ? shaped
        : Moves.affineCopy(shaped, target, Moves.broadcastStrides(shape2, target), 0);
    return LayoutKernels.reshaped(NdArrays.contiguous(full),
        new long[] {NdArrays.count(batch), rows, cols});
  }

  /** Gemm: Y = alpha * A' B' + beta * C, A' and B' optionally transposed, C broadcast. */
  private static INDArray gemm(Node n, INDArray[] in) {
    INDArray a = n.intAttr("transA", 0) == 1 ? in[0].transpose() : in[0];
    INDArray b = n.intAttr("transB", 0) == 1 ? in[1].transpose() : in[1];
    double alpha = n.floatAttr("alpha", 1f);
    double beta = n.floatAttr("beta", 1f);
    INDArray y = mmul(a, b);
    if (alpha != 1) {
      y.muli(alpha);
    }
    if (in.length > 2 && in[2] != null && beta != 0) {
      INDArray c = in[2];
      y = BinaryKernels.combine(y, beta == 1 ? c : ElementwiseKernels.map(c, v -> v * beta),
          Double::sum, Long::sum);
    }
    return y;
  }
}
