package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import org.bytedeco.javacpp.FloatPointer;

/**
 * What the heap LSTM, GRU and RNN kernels share: weights in native memory (once when
 * constant), the input projection X W^T of every step and direction as one gemm, and the
 * per-step recurrence product H R^T over the batch through reused native buffers. A run of one
 * step (streaming) skips the projection: its first product is [Xt | Ht-1] [W | R]^T, one
 * product instead of two, when that product covers every gate. A subclass
 * runs the steps of one direction: one or two products, then a fused gate update in plain
 * float loops. No allocation per step; per run only the outputs and, for layout 1, transposes.
 * Not for concurrent runs, like the session that owns it.
 */
abstract class HeapRecurrentCell implements HeapKernel {
  static final int W = 1;
  static final int R = 2;
  static final int B = 3;
  static final int INITIAL_H = 5;

  final HeapRecurrentNode node;
  private final int gates;
  private final boolean keepLastRecurrenceBias;
  private final boolean fusable; // the first product of a step covers every gate
  private final HeapRecurrentWeights fixed; // null when W, R or B is not constant
  private final NativeFloats xStage = new NativeFloats(); // [seq * batch, input]
  private final NativeFloats xwStage = new NativeFloats(); // [seq * batch, dirs * gates * hidden]
  // [batch, hidden], or [batch, input + hidden] in a fused step
  private final NativeFloats hStage = new NativeFloats();
  private final NativeFloats recStage = new NativeFloats(); // [batch, width <= gates * hidden]
  private float[] xw = new float[0]; // [seq * batch, dirs * gates * hidden], reused across runs
  private float[] zeros = new float[0]; // [batch, dirs * gates * hidden]: a fused run's xw
  private float[] joined = new float[0]; // [batch, input + hidden]: [Xt | Ht-1] of a fused run
  private float[] fusedX; // [batch, input]: X of the running fused run, else null

  /**
   * @param node the shared attributes
   * @param ctx the node's constants
   * @param gates 4 for LSTM, 3 for GRU, 1 for RNN
   * @param keepLastRecurrenceBias true when the last gate's Rb must stay out of the summed bias
   * @param fusable true when a step's first product ({@code recur} from gate 0) spans every
   *     gate, so that a one-step run may fold the projection into it
   */
  HeapRecurrentCell(HeapRecurrentNode node, HeapContext ctx, int gates,
      boolean keepLastRecurrenceBias, boolean fusable) {
    this.node = node;
    this.gates = gates;
    this.keepLastRecurrenceBias = keepLastRecurrenceBias;
    this.fusable = fusable;
    boolean constant = ctx.constant(W).isPresent() && ctx.constant(R).isPresent()
        && (ctx.constant(B).isPresent() || !hasInput(ctx, B));
    this.fixed = constant ? HeapRecurrentWeights.of(ctx.constant(W).get(),
        ctx.constant(R).get(), ctx.constant(B).orElse(null), gates, node.dirs,
        keepLastRecurrenceBias) : null;
  }

  private static boolean hasInput(HeapContext ctx, int i) {
    return ctx.type(i).isPresent() || ctx.constant(i).isPresent();
  }

  @Override
  public final Dense[] run(Dense[] in, HeapScope scope) {
    HeapRecurrentSequence q = new HeapRecurrentSequence(in, node);
    HeapRecurrentWeights w = fixed != null ? fixed : HeapRecurrentWeights.of(in[W], in[R],
        in.length > B ? in[B] : null, gates, node.dirs, keepLastRecurrenceBias);
    try {
      if (w.input != q.input) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "X has " + q.input
            + " features, W takes " + w.input);
      }
      if (q.seq == 1 && fusable) {
        int n = q.batch * w.dirs * w.gates * w.hidden;
        if (zeros.length < n) {
          zeros = new float[n];
        }
        fusedX = q.x;
        return steps(in, q, w, zeros);
      }
      return steps(in, q, w, project(q, w));
    } finally {
      fusedX = null;
      if (w != fixed) {
        w.close();
      }
    }
  }

  /**
   * @return X W^T for every step and direction, [seq * batch, dirs * gates * hidden] (a scratch
   *     array reused by the next run), without biases
   */
  private float[] project(HeapRecurrentSequence q, HeapRecurrentWeights w) {
    int rows = q.seq * q.batch;
    int cols = w.dirs * w.gates * w.hidden;
    if (xw.length < rows * cols) {
      xw = new float[rows * cols];
    }
    if (rows == 0) {
      return xw;
    }
    FloatPointer a = xStage.put(q.x, 0, rows * q.input); // [seq * batch, input]
    FloatPointer c = xwStage.reserve((long) rows * cols); // [seq * batch, dirs * gates * hidden]
    Blas.gemm(false, true, rows, cols, q.input, a, q.input, w.w(), w.stride, false, c, cols);
    xwStage.get(xw, 0, rows * cols);
    return xw;
  }

  /**
   * out[batch, width] = h[batch, hidden] times the rows of direction d's R from gate k on,
   * transposed: the recurrence of {@code width / hidden} gates for the whole batch. In a
   * one-step run folded with its projection, the product from gate 0 is [X | h] [W | R]^T.
   */
  final void recur(HeapRecurrentWeights w, int d, int k, int width, float[] h, int batch,
      float[] out) {
    FloatPointer c = recStage.reserve((long) batch * width); // [batch, width]
    if (fusedX != null && k == 0) {
      int in = w.input;
      if (joined.length < batch * w.stride) {
        joined = new float[batch * w.stride];
      }
      for (int b = 0; b < batch; b++) {
        System.arraycopy(fusedX, b * in, joined, b * w.stride, in);
        System.arraycopy(h, b * w.hidden, joined, b * w.stride + in, w.hidden);
      }
      FloatPointer a = hStage.put(joined, 0, batch * w.stride); // [batch, input + hidden]
      Blas.gemm(false, true, batch, width, w.stride, a, w.stride, w.wr(d), w.stride, false, c,
          width);
    } else {
      FloatPointer a = hStage.put(h, 0, batch * w.hidden); // [batch, hidden]
      Blas.gemm(false, false, batch, width, w.hidden, a, w.hidden, w.rt(d, k),
          w.gates * w.hidden, false, c, width);
    }
    recStage.get(out, 0, batch * width);
  }

  /**
   * Runs every direction's steps.
   *
   * @param in the node's inputs (initial states, peepholes)
   * @param q the sequence
   * @param w the weights
   * @param xw X W^T, [seq * batch, dirs * gates * hidden]: direction d's gates at column
   *     d * gates * hidden
   * @return the node's outputs
   */
  abstract Dense[] steps(Dense[] in, HeapRecurrentSequence q, HeapRecurrentWeights w,
      float[] xw);

  @Override
  public void close() {
    if (fixed != null) {
      fixed.close();
    }
    xStage.close();
    xwStage.close();
    hStage.close();
    recStage.close();
  }
}
