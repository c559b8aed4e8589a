package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed LSTM cases for what the node tests leave out: the gate order (the node tests use
 * equal weights for every gate), peepholes with distinct values, input_forget, clip, and
 * non-default activations with alpha and beta.
 */
class LstmTest {
  private static final double EPS = 1e-6;

  /** One step, input 1, hidden 1; gates in ONNX order i, o, f, c. */
  private static RecurrentInputs oneStep(float[] w, float[] r, float h0, float c0, float[] p) {
    return RecurrentInputs.of(Tensor.of(new float[] {1}, 1, 1, 1), Tensor.of(w, 1, 4, 1),
            Tensor.of(r, 1, 4, 1))
        .withInitialH(Tensor.of(new float[] {h0}, 1, 1, 1))
        .withInitialC(Tensor.of(new float[] {c0}, 1, 1, 1))
        .withPeepholes(p == null ? null : Tensor.of(p, 1, 3));
  }

  @Test
  void oneStepHiddenOneByHand() {
    // x = 1, H0 = 0.5, C0 = 1; W (i,o,f,c) = 0.5, -0.5, 1, 2; R = 0.1, 0.2, 0.3, 0.4;
    // P (i,o,f) = 0.1, 0.2, 0.3; no bias.
    // i = sigmoid(0.5 + 0.1*0.5 + 0.1*1)        = sigmoid(0.65) = 0.6570105
    // f = sigmoid(1 + 0.3*0.5 + 0.3*1)          = sigmoid(1.45) = 0.8099984
    // c = tanh(2 + 0.4*0.5)                     = tanh(2.2)     = 0.9757431
    // C = f*1 + i*c                             = 1.4510719
    // o = sigmoid(-0.5 + 0.2*0.5 + 0.2*C)       = sigmoid(-0.1097856) = 0.4725811
    // H = o * tanh(C)                           = 0.4233876
    RecurrentOutputs out = Lstm.run(RecurrentAttributes.hidden(1),
        oneStep(new float[] {0.5f, -0.5f, 1f, 2f}, new float[] {0.1f, 0.2f, 0.3f, 0.4f},
            0.5f, 1f, new float[] {0.1f, 0.2f, 0.3f}));
    assertEquals(0.4233876, out.y().getDouble(0), EPS);
    assertEquals(0.4233876, out.yH().getDouble(0), EPS);
    assertEquals(1.4510719, out.yC().getDouble(0), EPS);
    assertArrayEquals(new long[] {1, 1, 1, 1}, out.y().shape());
  }

  @Test
  void inputForgetCouplesForgetToInputGate() {
    // As above with input_forget = 1: f = 1 - i = 0.3429895, whatever W_f says.
    // C = 0.3429895*1 + 0.6570105*0.9757431 = 0.9840630
    // o = sigmoid(-0.4 + 0.2*C) = sigmoid(-0.2031874) = 0.4493772;  H = o * tanh(C) = 0.3391986
    RecurrentOutputs out = Lstm.run(RecurrentAttributes.hidden(1).withInputForget(true),
        oneStep(new float[] {0.5f, -0.5f, 1f, 2f}, new float[] {0.1f, 0.2f, 0.3f, 0.4f},
            0.5f, 1f, new float[] {0.1f, 0.2f, 0.3f}));
    assertEquals(0.9840630, out.yC().getDouble(0), EPS);
    assertEquals(0.3391986, out.yH().getDouble(0), EPS);
  }

  @Test
  void clipBoundsGateInputsButNotTheCellState() {
    // x = 3 for 3 steps, W = 2 and R = 0.5 for every gate, clip 0.5: every gate pre-activation
    // (6 + 0.5*H) clips to 0.5, so i = f = o = sigmoid(0.5) = 0.6224593, c = tanh(0.5) = 0.4621172.
    // C1 = i*c = 0.2876536           H1 = o*tanh(C1) = 0.1742697
    // C2 = f*C1 + i*c = 0.4667033    H2 = 0.2710986
    // C3 = f*C2 + i*c = 0.5781503    H3 = o*tanh(0.5781503) = 0.3245003  (C3 > clip: not clipped
    //                                before h; clipping it would give o*tanh(0.5) = 0.2876536)
    // ONNX Runtime 1.29 gives the same Y and Y_c.
    RecurrentInputs in = RecurrentInputs.of(Tensor.of(new float[] {3, 3, 3}, 3, 1, 1),
        Tensor.of(new float[] {2, 2, 2, 2}, 1, 4, 1),
        Tensor.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 1, 4, 1));
    RecurrentOutputs out = Lstm.run(RecurrentAttributes.hidden(1).withClip(0.5f), in);
    assertArrayEquals(new double[] {0.1742697, 0.2710986, 0.3245003}, out.y().toDoubleArray(),
        EPS);
    assertEquals(0.5781503, out.yC().getDouble(0), EPS);
  }

  @Test
  void activationsTakeAlphaAndBetaInOrder() {
    // f = HardSigmoid(alpha 0.3, beta 0.4), g = LeakyRelu(alpha 0.05), h = ScaledTanh(2, 0.5):
    // the alphas 0.3, 0.05, 2 and betas 0.4, 0.5 are consumed only by functions that take them.
    // x = 1, H0 = C0 = 0, W (i,o,f,c) = 0.5, -0.5, 1, -2:
    // i = min(max(0.3*0.5 + 0.4, 0), 1) = 0.55;  o = 0.3*-0.5 + 0.4 = 0.25;  f = 0.7
    // c = LeakyRelu(-2) = -0.1;  C = 0.7*0 + 0.55*-0.1 = -0.055
    // H = 0.25 * 2*tanh(0.5*-0.055) = 0.5*tanh(-0.0275) = -0.01374653
    RecurrentAttributes attrs = RecurrentAttributes.hidden(1)
        .withActivations("HardSigmoid", "LeakyRelu", "ScaledTanh")
        .withAlphaBeta(List.of(0.3f, 0.05f, 2f), List.of(0.4f, 0.5f));
    RecurrentOutputs out = Lstm.run(attrs,
        oneStep(new float[] {0.5f, -0.5f, 1f, -2f}, new float[4], 0, 0, null));
    assertEquals(-0.055, out.yC().getDouble(0), EPS);
    assertEquals(-0.01374653, out.yH().getDouble(0), EPS);
  }

  @Test
  void biasAddsBothHalves() {
    // B = [Wb (i,o,f,c), Rb (i,o,f,c)]; with W = R = 0 every pre-activation is Wb + Rb:
    // i = sigmoid(0.25+0.25) = 0.6224593, o = sigmoid(0) = 0.5, f unused (C0 = 0),
    // c = tanh(0.5 + 0.5) = 0.7615942;  C = 0.4740614;  H = 0.5*tanh(C) = 0.2207375
    RecurrentInputs in = RecurrentInputs.of(Tensor.of(new float[] {1}, 1, 1, 1),
            Tensor.of(new float[4], 1, 4, 1), Tensor.of(new float[4], 1, 4, 1))
        .withBias(Tensor.of(new float[] {0.25f, 0, 9, 0.5f, 0.25f, 0, 9, 0.5f}, 1, 8));
    RecurrentOutputs out = Lstm.run(RecurrentAttributes.hidden(1), in);
    assertEquals(0.4740614, out.yC().getDouble(0), EPS);
    assertEquals(0.2207375, out.yH().getDouble(0), EPS);
  }
}
