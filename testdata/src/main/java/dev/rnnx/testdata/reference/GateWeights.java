package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;

/**
 * The weights of one direction of a recurrent operator, split the way the spec's equations use
 * them: for gate {@code g} (in the operator's gate order, e.g. i, o, f, c for LSTM) the input
 * part {@code Xt*(Wg^T) + Wbg} and the recurrent part {@code Ht-1*(Rg^T) + Rbg}.
 */
final class GateWeights {
  private final int hidden;
  private final double[][] w; // [gates*hidden, input]
  private final double[][] r; // [gates*hidden, hidden]
  private final double[] wb; // [gates*hidden]
  private final double[] rb; // [gates*hidden]

  /**
   * @param wAll {@code W}: {@code [num_directions, gates*hidden, input]}
   * @param rAll {@code R}: {@code [num_directions, gates*hidden, hidden]}
   * @param bAll {@code B}: {@code [num_directions, 2*gates*hidden]}, or null for zero biases
   * @param direction which direction to take
   * @param hidden the hidden size
   */
  GateWeights(Tensor wAll, Tensor rAll, Tensor bAll, int direction, int hidden) {
    this.hidden = hidden;
    this.w = NdArrays.array3(wAll)[direction];
    this.r = NdArrays.array3(rAll)[direction];
    int rows = w.length;
    this.wb = new double[rows];
    this.rb = new double[rows];
    if (bAll != null) {
      double[] b = NdArrays.matrix(bAll)[direction]; // [Wb of every gate, then Rb of every gate]
      System.arraycopy(b, 0, wb, 0, rows);
      System.arraycopy(b, rows, rb, 0, rows);
    }
  }

  /** @return {@code Xt*(Wg^T) + Wbg}, {@code [hidden]} */
  double[] input(int gate, double[] x) {
    double[] out = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      int row = gate * hidden + j;
      double sum = wb[row];
      for (int i = 0; i < x.length; i++) {
        sum += w[row][i] * x[i];
      }
      out[j] = sum;
    }
    return out;
  }

  /** @return {@code Ht-1*(Rg^T) + Rbg}, {@code [hidden]} */
  double[] recurrent(int gate, double[] h) {
    double[] out = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      int row = gate * hidden + j;
      double sum = rb[row];
      for (int i = 0; i < hidden; i++) {
        sum += r[row][i] * h[i];
      }
      out[j] = sum;
    }
    return out;
  }

  /** @return the sum of {@link #input} and {@link #recurrent}: a gate's pre-activation */
  double[] both(int gate, double[] x, double[] h) {
    double[] in = input(gate, x);
    double[] rec = recurrent(gate, h);
    for (int j = 0; j < hidden; j++) {
      in[j] += rec[j];
    }
    return in;
  }
}
