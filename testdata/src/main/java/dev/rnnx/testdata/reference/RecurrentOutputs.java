package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;

/**
 * The outputs of one LSTM, GRU or RNN node, in the shapes its {@code layout} gives them.
 *
 * @param y {@code Y}: every step's hidden state
 * @param yH {@code Y_h}: each sequence's last hidden state
 * @param yC LSTM's {@code Y_c}: each sequence's last cell state; null for GRU and RNN
 */
public record RecurrentOutputs(Tensor y, Tensor yH, Tensor yC) {}
