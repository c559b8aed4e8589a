package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed GRU and RNN steps: distinct weights per gate (the node tests use equal ones),
 * both values of linear_before_reset, biases, and activations with alpha.
 */
class GruRnnTest {
  private static final double EPS = 1e-6;

  /** x = 1, H0 = 0.5; W (z,r,h) = 0.5, -1, 2; R = 0.2, 0.4, 0.6; Wb = 0.1 each; Rb = 0, 0, 0.3. */
  private static RecurrentInputs gruStep() {
    return RecurrentInputs.of(Tensor.of(new float[] {1}, 1, 1, 1),
            Tensor.of(new float[] {0.5f, -1f, 2f}, 1, 3, 1),
            Tensor.of(new float[] {0.2f, 0.4f, 0.6f}, 1, 3, 1))
        .withBias(Tensor.of(new float[] {0.1f, 0.1f, 0.1f, 0, 0, 0.3f}, 1, 6))
        .withInitialH(Tensor.of(new float[] {0.5f}, 1, 1, 1));
  }

  @Test
  void gruResetAfterTheRecurrentWeights() {
    // z = sigmoid(0.5 + 0.2*0.5 + 0.1)  = sigmoid(0.7)  = 0.6681878
    // r = sigmoid(-1 + 0.4*0.5 + 0.1)   = sigmoid(-0.7) = 0.3318122
    // linear_before_reset = 0: h = tanh(2 + 0.1 + 0.6*(r*0.5) + 0.3) = tanh(2.4995437) = 0.9866022
    // H = (1 - z)*h + z*0.5 = 0.6614605
    RecurrentOutputs out = Gru.run(RecurrentAttributes.hidden(1), gruStep());
    assertEquals(0.6614605, out.yH().getDouble(0), EPS);
    assertNull(out.yC());
  }

  @Test
  void gruLinearBeforeReset() {
    // linear_before_reset = 1: h = tanh(2 + 0.1 + r*(0.6*0.5 + 0.3)) = tanh(2.2990873) = 0.9800604
    // H = (1 - z)*h + z*0.5 = 0.6592899
    RecurrentOutputs out =
        Gru.run(RecurrentAttributes.hidden(1).withLinearBeforeReset(true), gruStep());
    assertEquals(0.6592899, out.yH().getDouble(0), EPS);
  }

  @Test
  void rnnStepWithBothBiases() {
    // x = (1, 2), W = (0.5, -0.25), R = 0.5, H0 = 0.2, Wb = 0.1, Rb = 0.05:
    // H = tanh(0.5 - 0.5 + 0.1 + 0.1 + 0.05) = tanh(0.25) = 0.2449187
    RecurrentInputs in = RecurrentInputs.of(Tensor.of(new float[] {1, 2}, 1, 1, 2),
            Tensor.of(new float[] {0.5f, -0.25f}, 1, 1, 2), Tensor.of(new float[] {0.5f}, 1, 1, 1))
        .withBias(Tensor.of(new float[] {0.1f, 0.05f}, 1, 2))
        .withInitialH(Tensor.of(new float[] {0.2f}, 1, 1, 1));
    assertEquals(0.2449187, Rnn.run(RecurrentAttributes.hidden(1), in).yH().getDouble(0), EPS);
  }

  @Test
  void rnnLeakyReluTakesItsAlphaAndClipAppliesFirst() {
    // W = 4, x = -1 for 2 steps, R = 0, clip 3: step pre-activation -4 clips to -3,
    // LeakyRelu(alpha 0.1) gives -0.3 at both steps.
    RecurrentInputs in = RecurrentInputs.of(Tensor.of(new float[] {-1, -1}, 2, 1, 1),
        Tensor.of(new float[] {4}, 1, 1, 1), Tensor.of(new float[] {0}, 1, 1, 1));
    RecurrentAttributes attrs = RecurrentAttributes.hidden(1).withActivations("LeakyRelu")
        .withAlphaBeta(List.of(0.1f), List.of()).withClip(3f);
    RecurrentOutputs out = Rnn.run(attrs, in);
    assertEquals(-0.3, out.y().getDouble(0), EPS);
    assertEquals(-0.3, out.y().getDouble(1), EPS);
  }
}
