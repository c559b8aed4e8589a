package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one recurrent node re-laid out for row-vector matmuls: per direction
 * W^T [input, gates * hidden] and R^T split into column blocks of gates ([hidden, block
 * width] each: one block for LSTM and RNN, two for GRU without linear_before_reset, whose
 * h-gate recurrence needs the reset gate first), plus the input and recurrence biases. The
 * transposes are held as column-major W and R blocks (same memory), the form BLAS takes
 * directly (see {@link LinearAlgebraKernels#gemmColumnMajor}). Built
 * in plain Java with one allocation per matrix, once at compile time when W, R and B are
 * constants, else once per run.
 */
final class RecurrentWeights {
  final INDArray[] wt; // per direction, memory [input, gates * hidden] (column-major W)
  final INDArray[][] rt; // per direction and block, memory [hidden, block] (column-major R)
  final double[][] wb; // per direction [gates * hidden]
  final double[][] rb; // per direction [gates * hidden]

  private RecurrentWeights(INDArray[] wt, INDArray[][] rt, double[][] wb, double[][] rb) {
    this.wt = wt;
    this.rt = rt;
    this.wb = wb;
    this.rb = rb;
  }

  /**
   * @param w [dirs, gates * hidden, input]
   * @param r [dirs, gates * hidden, hidden]
   * @param b [dirs, 2 * gates * hidden] (Wb then Rb), or null for zeros
   * @param type the compute type (float or double)
   * @param blocks gate indices where R^T's column blocks start, then the gate count, e.g.
   *     {0, 2, 3}
   * @return the re-laid-out weights
   */
  static RecurrentWeights of(INDArray w, INDArray r, INDArray b, DataType type, int[] blocks) {
    long[] ws = w.shape(); // [dirs, gates * hidden, input]
    int dirs = (int) ws[0];
    int gh = (int) ws[1];
    int input = (int) ws[2];
    int hidden = (int) r.shape()[2];
    int gates = blocks[blocks.length - 1];
    double[] wv = NdArrays.doubles(w);
    double[] rv = NdArrays.doubles(r);
    double[] bias = b == null ? null : NdArrays.doubles(b);
    INDArray[] wt = new INDArray[dirs];
    INDArray[][] rt = new INDArray[dirs][blocks.length - 1];
    double[][] wb = new double[dirs][gh];
    double[][] rb = new double[dirs][gh];
    for (int d = 0; d < dirs; d++) {
      wt[d] = transposed(wv, d * gh * input, 0, gh, input, type);
      for (int k = 0; k + 1 < blocks.length; k++) {
        rt[d][k] = transposed(rv, d * gates * hidden * hidden, blocks[k] * hidden,
            blocks[k + 1] * hidden, hidden, type);
      }
      if (bias != null) {
        wb[d] = Arrays.copyOfRange(bias, d * 2 * gh, d * 2 * gh + gh);
        rb[d] = Arrays.copyOfRange(bias, d * 2 * gh + gh, (d + 1) * 2 * gh);
      }
    }
    return new RecurrentWeights(wt, rt, wb, rb);
  }

  /**
   * @return rows [from, to) of the row-major matrix at {@code offset} as a column-major array
   *     (whose memory is the row-major transpose)
   */
  private static INDArray transposed(double[] m, int offset, int from, int to, int cols,
      DataType type) {
    int rows = to - from;
    double[] t = new double[rows * cols]; // row-major [cols, rows]
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = m[offset + (from + i) * cols + j];
      }
    }
    return LinearAlgebraKernels.columnMajor(type, rows, cols, t);
  }

  /** Keeps the arrays for a compiled model's lifetime. */
  RecurrentWeights keep(CompileContext ctx) {
    Arrays.stream(wt).forEach(ctx::keep);
    Arrays.stream(rt).flatMap(Arrays::stream).forEach(ctx::keep);
    return this;
  }

  /** Frees arrays built for one run. */
  void close() {
    Arrays.stream(wt).forEach(INDArray::close);
    Arrays.stream(rt).flatMap(Arrays::stream).forEach(INDArray::close);
  }
}
