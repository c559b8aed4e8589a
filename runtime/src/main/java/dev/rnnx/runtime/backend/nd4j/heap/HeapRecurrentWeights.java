package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The weights of one LSTM, GRU or RNN node in native memory, ready for BLAS: W [dirs, gates *
 * hidden, input] and R [dirs, gates * hidden, hidden] side by side as one row-major matrix [W | R]
 * of [dirs * gates * hidden, input + hidden], whose row ranges are W^T and R^T as BLAS's transposed
 * operand (leading dimension input + hidden). All directions' W make one operand, so the input
 * projection of every step and direction is one gemm; each gate's rows of R are a block a step
 * multiplies against (GRU without linear_before_reset uses two); and a single step multiplies [Xt |
 * Ht-1] by a direction's [W | R] in one product. The biases Wb + Rb are summed once; GRU with
 * linear_before_reset keeps its h-gate Rb apart, since the reset gate scales it. R is also kept
 * alone, transposed and contiguous, for the steps of longer runs: OpenBLAS's product against the
 * strided R of [W | R] takes 18 microseconds at hidden 256, against 11 for a contiguous R and 10
 * for a contiguous R^T. Built once per kernel when W, R and B are constants, else once per run;
 * {@link #close} frees the native blocks.
 */
final class HeapRecurrentWeights implements AutoCloseable {
  final int dirs;
  final int gates;
  final int hidden;
  final int input;
  final int stride; // input + hidden: the leading dimension of every operand here
  private final FloatPointer wr; // [dirs * gates * hidden, input + hidden]: [W | R]
  private final FloatPointer rTransposed; // [dirs, hidden, gates * hidden]: R^T per direction
  final float[] bias; // [dirs, gates * hidden]: Wb + Rb (h gate: Wb only when kept apart)
  final float[] lastRecurrenceBias; // [dirs, hidden]: the last gate's Rb when kept apart, else null

  private HeapRecurrentWeights(int dirs, int gates, int hidden, int input, float[] w, float[] r,
      float[] bias, float[] lastRecurrenceBias) {
    this.dirs = dirs;
    this.gates = gates;
    this.hidden = hidden;
    this.input = input;
    this.stride = input + hidden;
    int rows = dirs * gates * hidden;
    float[] joined = new float[rows * stride]; // [dirs * gates * hidden, input + hidden]
    for (int i = 0; i < rows; i++) {
      System.arraycopy(w, i * input, joined, i * stride, input);
      System.arraycopy(r, i * hidden, joined, i * stride + input, hidden);
    }
    this.wr = new FloatPointer(joined);
    int gh = gates * hidden;
    float[] rt = new float[rows * hidden]; // [dirs, hidden, gates * hidden]
    for (int d = 0; d < dirs; d++) {
      for (int i = 0; i < gh; i++) {
        for (int j = 0; j < hidden; j++) {
          rt[(d * hidden + j) * gh + i] = r[(d * gh + i) * hidden + j];
        }
      }
    }
    this.rTransposed = new FloatPointer(rt);
    this.bias = bias;
    this.lastRecurrenceBias = lastRecurrenceBias;
  }

  /**
   * @param w W [dirs, gates * hidden, input]
   * @param r R [dirs, gates * hidden, hidden]
   * @param b B [dirs, 2 * gates * hidden] (Wb then Rb), or null for zeros
   * @param gates 4 for LSTM, 3 for GRU, 1 for RNN
   * @param dirs the node's direction count
   * @param keepLastRecurrenceBias true to keep the last gate's Rb out of {@link #bias}
   * @return the weights in native memory
   * @throws RnnxException INVALID_ARGUMENT when the shapes disagree
   */
  static HeapRecurrentWeights of(Dense w, Dense r, Dense b, int gates, int dirs,
      boolean keepLastRecurrenceBias) {
    if (w == null || r == null || !w.isFloat() || !r.isFloat() || w.rank() != 3
        || r.rank() != 3) {
      throw invalid("W and R must be float tensors of rank 3");
    }
    int hidden = (int) r.shape[2];
    int gh = gates * hidden;
    int input = (int) w.shape[2];
    if (w.shape[0] != dirs || r.shape[0] != dirs || w.shape[1] != gh || r.shape[1] != gh) {
      throw invalid("W " + w + " and R " + r + " do not fit " + dirs + " directions of "
          + gates + " gates");
    }
    float[] bias = new float[dirs * gh];
    float[] lastRb = keepLastRecurrenceBias ? new float[dirs * hidden] : null;
    if (b != null) {
      if (!b.isFloat() || b.size() != dirs * 2 * gh) {
        throw invalid("B " + b + " does not fit " + dirs + " directions of " + gh);
      }
      for (int d = 0; d < dirs; d++) {
        int wb = d * 2 * gh; // [gates * hidden] Wb of direction d
        int rb = wb + gh; // [gates * hidden] Rb of direction d
        for (int j = 0; j < gh; j++) {
          boolean apart = lastRb != null && j >= gh - hidden;
          bias[d * gh + j] = b.f[wb + j] + (apart ? 0 : b.f[rb + j]);
          if (apart) {
            lastRb[d * hidden + j - (gh - hidden)] = b.f[rb + j];
          }
        }
      }
    }
    return new HeapRecurrentWeights(dirs, gates, hidden, input, w.f, r.f, bias, lastRb);
  }

  private static RnnxException invalid(String message) {
    return new RnnxException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /**
   * @return every direction's W, [dirs * gates * hidden, input] with leading dimension
   *     {@link #stride}: the one native block positioned there (valid until the next call)
   */
  FloatPointer w() {
    return wr.position(0);
  }

  /** @return direction d's [W | R], [gates * hidden, input + hidden] (as {@link #w}) */
  FloatPointer wr(int d) {
    return wr.position((long) d * gates * hidden * stride);
  }

  /**
   * @return direction d's R^T from gate k's columns on: [hidden, (gates - k) * hidden] with
   *     leading dimension gates * hidden (positioned as {@link #w} is)
   */
  FloatPointer rt(int d, int k) {
    return rTransposed.position((long) d * hidden * gates * hidden + (long) k * hidden);
  }

  @Override
  public void close() {
    wr.close();
    rTransposed.close();
  }
}
