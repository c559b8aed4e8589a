package dev.rnnx.testdata.reference;

import java.util.List;

/**
 * The ONNX {@code RNN} operator (a simple recurrent layer), written from the spec's equation for
 * one batch entry and one step: {@code Ht = f(Xt*(Wi^T) + Ht-1*(Ri^T) + Wbi + Rbi)}.
 * {@code clip} bounds the input of f.
 */
public final class Rnn {
  private static final List<String> DEFAULT_ACTIVATIONS = List.of("Tanh");

  private Rnn() {}

  /**
   * Runs the operator.
   *
   * @param attrs its attributes
   * @param in its inputs ({@code initial_c} and {@code P} are not RNN inputs and must be null)
   * @return {@code Y} and {@code Y_h}
   */
  public static RecurrentOutputs run(RecurrentAttributes attrs, RecurrentInputs in) {
    Activation[][] act = attrs.resolveActivations(DEFAULT_ACTIVATIONS);
    int hidden = attrs.hiddenSize();
    return RecurrentLoop.run(attrs, in, false, d -> {
      GateWeights gw = new GateWeights(in.w(), in.r(), in.b(), d, hidden);
      Activation f = act[d][0];
      return (x, h, c) -> {
        double[] pre = gw.both(0, x, h);
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          next[j] = f.apply(attrs.clip(pre[j]));
        }
        return new double[][] {next};
      };
    });
  }
}
