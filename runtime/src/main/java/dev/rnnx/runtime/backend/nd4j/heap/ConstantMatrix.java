package dev.rnnx.runtime.backend.nd4j.heap;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A constant row-major matrix [rows, cols] (weights) held in native memory once, multiplied
 * by variable Java-array matrices staged through reused native buffers. One instance serves
 * one kernel; not for concurrent use, like the session that runs it.
 */
final class ConstantMatrix implements AutoCloseable {
  final int rows;
  final int cols;
  private final NativeFloats matrix; // [rows, cols]
  private final NativeFloats operand = new NativeFloats();
  private final NativeFloats product = new NativeFloats();

  ConstantMatrix(float[] values, int rows, int cols) {
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(rows + "x" + cols + " matrix from " + values.length
          + " values");
    }
    this.rows = rows;
    this.cols = cols;
    this.matrix = NativeFloats.of(values);
  }

  /** out[m, cols] (at outOffset) = x[m, rows] (at xOffset) times this matrix. */
  void leftTimes(float[] x, int xOffset, int m, float[] out, int outOffset) {
    FloatPointer a = operand.put(x, xOffset, m * rows);
    FloatPointer c = product.reserve((long) m * cols);
    Blas.gemm(false, false, m, cols, rows, a, matrix.reserve(0), false, c);
    product.get(out, outOffset, m * cols);
  }

  /** out[rows, n] (at outOffset) = this matrix times y[cols, n] (at yOffset). */
  void times(float[] y, int yOffset, int n, float[] out, int outOffset) {
    FloatPointer b = operand.put(y, yOffset, cols * n);
    FloatPointer c = product.reserve((long) rows * n);
    Blas.gemm(false, false, rows, n, cols, matrix.reserve(0), b, false, c);
    product.get(out, outOffset, rows * n);
  }

  @Override
  public void close() {
    matrix.close();
    operand.close();
    product.close();
  }
}
