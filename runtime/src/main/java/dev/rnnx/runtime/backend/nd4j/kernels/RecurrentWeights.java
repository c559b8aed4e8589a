package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one recurrent node re-laid out for row-vector matmuls: per direction
 * W^T [input, gates * hidden] and R^T [hidden, gates * hidden] as dense row-major arrays,
 * and the input and recurrence biases. Built once at compile time when W, R and B are
 * constants, else once per run.
 */
final class RecurrentWeights {
  final INDArray[] wt; // per direction [input, gates * hidden]
  final INDArray[] rt; // per direction [hidden, gates * hidden]
  final double[][] wb; // per direction [gates * hidden]
  final double[][] rb; // per direction [gates * hidden]

  private RecurrentWeights(INDArray[] wt, INDArray[] rt, double[][] wb, double[][] rb) {
    this.wt = wt;
    this.rt = rt;
    this.wb = wb;
    this.rb = rb;
  }

  /**
   * @param w [dirs, gates * hidden, input]
   * @param r [dirs, gates * hidden, hidden]
   * @param b [dirs, 2 * gates * hidden] (Wb then Rb), or null for zeros
   * @return the re-laid-out weights
   */
  static RecurrentWeights of(INDArray w, INDArray r, INDArray b) {
    int dirs = (int) w.shape()[0];
    int gh = (int) w.shape()[1];
    INDArray[] wt = new INDArray[dirs];
    INDArray[] rt = new INDArray[dirs];
    double[][] wb = new double[dirs][gh];
    double[][] rb = new double[dirs][gh];
    double[] bias = b == null ? null : NdArrays.doubles(b);
    for (int d = 0; d < dirs; d++) {
      wt[d] = transposed(w, d);
      rt[d] = transposed(r, d);
      if (bias != null) {
        wb[d] = Arrays.copyOfRange(bias, d * 2 * gh, d * 2 * gh + gh);
        rb[d] = Arrays.copyOfRange(bias, d * 2 * gh + gh, (d + 1) * 2 * gh);
      }
    }
    return new RecurrentWeights(wt, rt, wb, rb);
  }

  /** @return direction d of a [dirs, rows, cols] array, transposed to [cols, rows] */
  private static INDArray transposed(INDArray a, int d) {
    long[] s = a.shape();
    INDArray slice = LayoutKernels.slice(a, new long[] {d}, new long[] {d + 1}, new long[] {0},
        null);
    return LayoutKernels.transpose(LayoutKernels.reshaped(slice, new long[] {s[1], s[2]}),
        null);
  }

  /** @return R^T of direction d restricted to gate columns [from, to) of hidden size h */
  INDArray recurrenceColumns(int d, int from, int to, int h) {
    return LayoutKernels.slice(rt[d], new long[] {(long) from * h}, new long[] {(long) to * h},
        new long[] {1}, null);
  }

  /** Keeps the arrays for a compiled model's lifetime. */
  RecurrentWeights keep(CompileContext ctx) {
    Arrays.stream(wt).forEach(ctx::keep);
    Arrays.stream(rt).forEach(ctx::keep);
    return this;
  }

  /** Frees arrays built for one run. */
  void close() {
    Arrays.stream(wt).forEach(INDArray::close);
    Arrays.stream(rt).forEach(INDArray::close);
  }
}
