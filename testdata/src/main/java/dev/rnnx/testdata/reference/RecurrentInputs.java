package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;

/**
 * The inputs of one LSTM, GRU or RNN node, in the shapes the node's {@code layout} gives them;
 * optional inputs are null when absent. Build with {@link #of} and the {@code with...} methods.
 *
 * @param x {@code X}
 * @param w {@code W}: {@code [num_directions, gates*hidden, input]}
 * @param r {@code R}: {@code [num_directions, gates*hidden, hidden]}
 * @param b {@code B}: {@code [num_directions, 2*gates*hidden]}, or null for zeros
 * @param sequenceLens {@code sequence_lens}: {@code [batch]}, or null for full length
 * @param initialH {@code initial_h}, or null for zeros
 * @param initialC LSTM's {@code initial_c}, or null for zeros
 * @param p LSTM's peepholes {@code P}: {@code [num_directions, 3*hidden]}, or null for zeros
 */
public record RecurrentInputs(
    Tensor x, Tensor w, Tensor r, Tensor b, Tensor sequenceLens, Tensor initialH,
    Tensor initialC, Tensor p) {

  /**
   * @param x {@code X}
   * @param w {@code W}
   * @param r {@code R}
   * @return the inputs with no optional one present
   */
  public static RecurrentInputs of(Tensor x, Tensor w, Tensor r) {
    return new RecurrentInputs(x, w, r, null, null, null, null, null);
  }

  /** @return a copy with {@code B} set */
  public RecurrentInputs withBias(Tensor bias) {
    return new RecurrentInputs(x, w, r, bias, sequenceLens, initialH, initialC, p);
  }

  /** @return a copy with {@code sequence_lens} set */
  public RecurrentInputs withSequenceLens(Tensor lens) {
    return new RecurrentInputs(x, w, r, b, lens, initialH, initialC, p);
  }

  /** @return a copy with {@code initial_h} set */
  public RecurrentInputs withInitialH(Tensor h) {
    return new RecurrentInputs(x, w, r, b, sequenceLens, h, initialC, p);
  }

  /** @return a copy with {@code initial_c} set */
  public RecurrentInputs withInitialC(Tensor c) {
    return new RecurrentInputs(x, w, r, b, sequenceLens, initialH, c, p);
  }

  /** @return a copy with the peepholes {@code P} set */
  public RecurrentInputs withPeepholes(Tensor peepholes) {
    return new RecurrentInputs(x, w, r, b, sequenceLens, initialH, initialC, peepholes);
  }
}
