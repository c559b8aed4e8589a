package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;
import java.util.Arrays;

/**
 * The ONNX {@code MatMul} operator: numpy's {@code matmul}. A rank-1 operand is treated as a row
 * (first) or column (second) vector and that axis is dropped from the result; the leading
 * "batch" axes of both operands broadcast against each other.
 */
public final class MatMul {
  private MatMul() {}

  /**
   * @param a {@code [..., M, K]} or {@code [K]}
   * @param b {@code [..., K, N]} or {@code [K]}
   * @return {@code a @ b}, in {@code a}'s element type
   */
  public static Tensor matMul(Tensor a, Tensor b) {
    long[] aShape = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.shape();
    long[] bShape = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.shape();
    int m = (int) aShape[aShape.length - 2];
    int k = (int) aShape[aShape.length - 1];
    int n = (int) bShape[bShape.length - 1];
    if (bShape[bShape.length - 2] != k) {
      throw new IllegalArgumentException("MatMul of " + Arrays.toString(a.shape()) + " and "
          + Arrays.toString(b.shape()) + ": inner dims differ");
    }
    long[] aBatch = Arrays.copyOf(aShape, aShape.length - 2);
    long[] bBatch = Arrays.copyOf(bShape, bShape.length - 2);
    long[] batch = Broadcast.shape(aBatch, bBatch);
    int batches = (int) Tensor.elementCount(batch);
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    double[] out = new double[batches * m * n]; // [batch..., M, N]
    for (int p = 0; p < batches; p++) {
      int aOff = Broadcast.sourceIndex(p, batch, aBatch) * m * k;
      int bOff = Broadcast.sourceIndex(p, batch, bBatch) * k * n;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int q = 0; q < k; q++) {
            sum += av[aOff + i * k + q] * bv[bOff + q * n + j];
          }
          out[p * m * n + i * n + j] = sum;
        }
      }
    }
    long[] shape = Arrays.copyOf(batch, batch.length + 2);
    shape[batch.length] = m;
    shape[batch.length + 1] = n;
    if (a.rank() == 1) {
      shape = drop(shape, batch.length);
    }
    if (b.rank() == 1) {
      shape = drop(shape, shape.length - 1);
    }
    return Tensor.ofDoubles(a.type(), out, shape);
  }

  private static long[] drop(long[] shape, int axis) {
    long[] out = new long[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != axis) {
        out[j++] = shape[i];
      }
    }
    return out;
  }
}
