package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.function.IntFunction;

/**
 * What LSTM, GRU and RNN share: the layouts, the directions and the walk over each sequence.
 * Each batch entry is run on its own for {@code sequence_lens[b]} steps (forward from step 0,
 * reverse from its own last step); {@code Y} stays zero past a sequence's end and the final
 * states are those after the sequence's own last step. A sequence of length 0 has zero final
 * states, as in ONNX Runtime.
 */
final class RecurrentLoop {
  private RecurrentLoop() {}

  /**
   * @param attrs the node's attributes
   * @param in the node's inputs
   * @param hasCell true for LSTM, which carries a cell state and returns {@code Y_c}
   * @param cells the cell of each direction index
   * @return the outputs, in the node's layout and in {@code X}'s element type
   */
  static RecurrentOutputs run(RecurrentAttributes attrs, RecurrentInputs in, boolean hasCell,
      IntFunction<RecurrentCell> cells) {
    ElementType type = in.x().type();
    int layout = attrs.layout();
    double[][][] x = swap01(NdArrays.array3(in.x()), layout); // [seq, batch, input]
    int seq = x.length;
    int batch = (int) in.x().dim(layout == 0 ? 1 : 0);
    int hidden = attrs.hiddenSize();
    int dirs = attrs.direction().count();
    int[] lens = lengths(in.sequenceLens(), batch, seq);
    double[][][] h0 = initialState(in.initialH(), layout, dirs, batch, hidden); // [dirs, batch, hidden]
    double[][][] c0 = initialState(in.initialC(), layout, dirs, batch, hidden); // [dirs, batch, hidden]

    double[][][][] y = new double[seq][dirs][batch][hidden]; // [seq, dirs, batch, hidden]
    double[][][] yH = new double[dirs][batch][hidden]; // [dirs, batch, hidden]
    double[][][] yC = new double[dirs][batch][hidden]; // [dirs, batch, hidden]
    for (int d = 0; d < dirs; d++) {
      RecurrentCell cell = cells.apply(d);
      boolean reverse = attrs.direction().isReverse(d);
      for (int b = 0; b < batch; b++) {
        if (lens[b] == 0) {
          continue;
        }
        double[] h = h0[d][b];
        double[] c = c0[d][b];
        for (int step = 0; step < lens[b]; step++) {
          int t = reverse ? lens[b] - 1 - step : step;
          double[][] next = cell.step(x[t][b], h, hasCell ? c : null);
          h = next[0];
          c = hasCell ? next[1] : c;
          y[t][d][b] = h;
        }
        yH[d][b] = h;
        yC[d][b] = c;
      }
    }
    return new RecurrentOutputs(
        NdArrays.tensor(type, layout == 0 ? y : batchMajorY(y)),
        NdArrays.tensor(type, swap01(yH, layout)),
        hasCell ? NdArrays.tensor(type, swap01(yC, layout)) : null);
  }

  private static int[] lengths(Tensor sequenceLens, int batch, int seq) {
    int[] lens = new int[batch];
    for (int b = 0; b < batch; b++) {
      lens[b] = sequenceLens == null ? seq : (int) sequenceLens.getLong(b);
      if (lens[b] < 0 || lens[b] > seq) {
        throw new IllegalArgumentException("sequence_lens[" + b + "] = " + lens[b]
            + " is outside [0, " + seq + "]");
      }
    }
    return lens;
  }

  private static double[][][] initialState(Tensor t, int layout, int dirs, int batch,
      int hidden) {
    return t == null ? new double[dirs][batch][hidden] : swap01(NdArrays.array3(t), layout);
  }

  /**
   * Swaps the first two axes when {@code layout} is 1: between {@code [batch, seq, input]} and
   * {@code [seq, batch, input]}, or {@code [batch, dirs, hidden]} and {@code [dirs, batch, hidden]}.
   */
  private static double[][][] swap01(double[][][] a, int layout) {
    if (layout == 0) {
      return a;
    }
    int d0 = a.length;
    int d1 = d0 == 0 ? 0 : a[0].length;
    double[][][] out = new double[d1][d0][];
    for (int i = 0; i < d0; i++) {
      for (int j = 0; j < d1; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }

  /** {@code [seq, dirs, batch, hidden]} to layout 1's {@code [batch, seq, dirs, hidden]}. */
  private static double[][][][] batchMajorY(double[][][][] y) {
    int seq = y.length;
    int dirs = y[0].length;
    int batch = y[0][0].length;
    double[][][][] out = new double[batch][seq][dirs][]; // [batch, seq, dirs, hidden]
    for (int t = 0; t < seq; t++) {
      for (int d = 0; d < dirs; d++) {
        for (int b = 0; b < batch; b++) {
          out[b][t][d] = y[t][d][b];
        }
      }
    }
    return out;
  }
}
