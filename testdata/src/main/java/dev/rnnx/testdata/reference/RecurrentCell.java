package dev.rnnx.testdata.reference;

/**
 * One step of one direction of a recurrent operator: the equations of the spec for a single
 * batch entry. Implementations read their weights for that direction when created.
 */
interface RecurrentCell {
  /**
   * Computes the next state.
   *
   * @param x the step's input, {@code [input]}
   * @param h the previous hidden state, {@code [hidden]}
   * @param c the previous cell state, {@code [hidden]} (LSTM only; null otherwise)
   * @return the new hidden state and, for LSTM, the new cell state: {@code {h, c}}
   */
  double[][] step(double[] x, double[] h, double[] c);
}
