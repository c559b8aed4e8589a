package dev.rnnx.testdata.reference;

import java.util.List;

/**
 * The attributes of one LSTM, GRU or RNN node, defaults as in the ONNX spec. Build with
 * {@link #hidden(int)} and the {@code with...} methods.
 *
 * @param hiddenSize {@code hidden_size}
 * @param direction {@code direction}
 * @param activations {@code activations}, empty for the operator's defaults
 * @param activationAlpha {@code activation_alpha}, possibly empty
 * @param activationBeta {@code activation_beta}, possibly empty
 * @param clip {@code clip}, or null for no clipping
 * @param layout {@code layout}: 0 sequence-major, 1 batch-major
 * @param inputForget LSTM's {@code input_forget}: couples the forget gate to the input gate
 * @param linearBeforeReset GRU's {@code linear_before_reset}
 */
public record RecurrentAttributes(
    int hiddenSize,
    Direction direction,
    List<String> activations,
    List<Float> activationAlpha,
    List<Float> activationBeta,
    Float clip,
    int layout,
    boolean inputForget,
    boolean linearBeforeReset) {

  /** Copies the lists and checks the layout. */
  public RecurrentAttributes {
    activations = List.copyOf(activations);
    activationAlpha = List.copyOf(activationAlpha);
    activationBeta = List.copyOf(activationBeta);
    if (layout != 0 && layout != 1) {
      throw new IllegalArgumentException("layout is 0 or 1, got " + layout);
    }
  }

  /**
   * @param hiddenSize the hidden size
   * @return the attributes with every other one at its default
   */
  public static RecurrentAttributes hidden(int hiddenSize) {
    return new RecurrentAttributes(hiddenSize, Direction.FORWARD, List.of(), List.of(), List.of(),
        null, 0, false, false);
  }

  /** @return a copy with {@code direction} set */
  public RecurrentAttributes withDirection(Direction d) {
    return new RecurrentAttributes(hiddenSize, d, activations, activationAlpha, activationBeta,
        clip, layout, inputForget, linearBeforeReset);
  }

  /** @return a copy with {@code activations} set */
  public RecurrentAttributes withActivations(String... names) {
    return new RecurrentAttributes(hiddenSize, direction, List.of(names), activationAlpha,
        activationBeta, clip, layout, inputForget, linearBeforeReset);
  }

  /** @return a copy with {@code activation_alpha} and {@code activation_beta} set */
  public RecurrentAttributes withAlphaBeta(List<Float> alpha, List<Float> beta) {
    return new RecurrentAttributes(hiddenSize, direction, activations, alpha, beta, clip, layout,
        inputForget, linearBeforeReset);
  }

  /** @return a copy with {@code clip} set (null removes it) */
  public RecurrentAttributes withClip(Float threshold) {
    return new RecurrentAttributes(hiddenSize, direction, activations, activationAlpha,
        activationBeta, threshold, layout, inputForget, linearBeforeReset);
  }

  /** @return a copy with {@code layout} set */
  public RecurrentAttributes withLayout(int newLayout) {
    return new RecurrentAttributes(hiddenSize, direction, activations, activationAlpha,
        activationBeta, clip, newLayout, inputForget, linearBeforeReset);
  }

  /** @return a copy with LSTM's {@code input_forget} set */
  public RecurrentAttributes withInputForget(boolean coupled) {
    return new RecurrentAttributes(hiddenSize, direction, activations, activationAlpha,
        activationBeta, clip, layout, coupled, linearBeforeReset);
  }

  /** @return a copy with GRU's {@code linear_before_reset} set */
  public RecurrentAttributes withLinearBeforeReset(boolean before) {
    return new RecurrentAttributes(hiddenSize, direction, activations, activationAlpha,
        activationBeta, clip, layout, inputForget, before);
  }

  /**
   * The activation functions of each direction, defaults filled in.
   *
   * @param defaults the operator's functions for one direction, e.g. Sigmoid, Tanh, Tanh
   * @return {@code [direction][function]}
   */
  Activation[][] resolveActivations(List<String> defaults) {
    int perDirection = defaults.size();
    int dirs = direction.count();
    List<String> names = activations.isEmpty() ? repeat(defaults, dirs) : activations;
    if (names.size() < perDirection) {
      throw new IllegalArgumentException("activations " + names + ": need " + perDirection
          + " per direction");
    }
    List<Activation> resolved = Activation.resolve(names, activationAlpha, activationBeta);
    Activation[][] out = new Activation[dirs][perDirection];
    for (int d = 0; d < dirs; d++) {
      for (int k = 0; k < perDirection; k++) {
        // RNN's default list is [Tanh, Tanh] even for one direction: extra entries are unused
        int index = (d * perDirection + k) % resolved.size();
        out[d][k] = resolved.get(index);
      }
    }
    return out;
  }

  /** @return {@code x} bounded to {@code [-clip, clip]}, or {@code x} when there is no clip */
  double clip(double x) {
    return clip == null ? x : Math.max(-clip, Math.min(clip, x));
  }

  private static List<String> repeat(List<String> names, int times) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.addAll(names);
    }
    return out;
  }
}
