package dev.rnnx.runtime.backend.nd4j;

import static dev.rnnx.runtime.backend.nd4j.IrModels.assertClose;
import static dev.rnnx.runtime.backend.nd4j.IrModels.random;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LSTM, GRU and RNN on nd4j against {@link RecurrentReference}, for the attributes the ONNX
 * node tests leave out: both directions at once with per-entry sequence lengths, clip,
 * input_forget, peepholes, activations with alpha and beta, GRU's linear_before_reset both
 * ways, batch-major layout, and weights fed as inputs instead of constants.
 */
class RecurrentKernelTest {
  private static final double TOL = 1e-4;
  private static final int SEQ = 5;
  private static final int BATCH = 3;
  private static final int INPUT = 4;
  private static final int HIDDEN = 6;
  private static final int[] LENS = {5, 2, 4};
  private static final DoubleUnaryOperator SIGMOID = x -> 1 / (1 + Math.exp(-x));

  private final Random rng = new Random(7);

  private static Node node(String op, List<String> inputs, List<String> outputs,
      List<Attribute> attributes) {
    return Node.of(op.toLowerCase(java.util.Locale.ROOT), op, inputs, outputs, attributes);
  }

  private static Tensor lens() {
    return Tensor.of(LENS, LENS.length);
  }

  /** Fed inputs and constants by name; weights become constants unless {@code fedWeights}. */
  private static IrModel model(Node n, Map<String, Tensor> values, boolean fedWeights) {
    List<String> fed = new ArrayList<>();
    Map<String, Tensor> constants = new HashMap<>();
    for (String in : n.inputs()) {
      if (in.isEmpty()) {
        continue;
      }
      boolean weight = in.equals("W") || in.equals("R") || in.equals("B");
      if (weight && !fedWeights) {
        constants.put(in, values.get(in));
      } else {
        fed.add(in);
      }
    }
    return IrModels.of(n, fed, constants, 14);
  }

  private static Map<String, Tensor> feeds(IrModel m, Map<String, Tensor> values) {
    Map<String, Tensor> feeds = new HashMap<>();
    m.graph().inputs().forEach(v -> feeds.put(v.name(), values.get(v.name())));
    return feeds;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void lstmBidirectionalWithLengthsPeepholesClipAndParameterizedActivations(boolean fedWeights) {
    int dirs = 2;
    Map<String, Tensor> v = new HashMap<>();
    v.put("X", random(rng, SEQ, BATCH, INPUT));
    v.put("W", random(rng, dirs, 4 * HIDDEN, INPUT));
    v.put("R", random(rng, dirs, 4 * HIDDEN, HIDDEN));
    v.put("B", random(rng, dirs, 8 * HIDDEN));
    v.put("L", lens());
    v.put("H0", random(rng, dirs, BATCH, HIDDEN));
    v.put("C0", random(rng, dirs, BATCH, HIDDEN));
    v.put("P", random(rng, dirs, 3 * HIDDEN));
    Node n = node("LSTM", List.of("X", "W", "R", "B", "L", "H0", "C0", "P"),
        List.of("Y", "Y_h", "Y_c"), List.of(Attribute.of("hidden_size", (long) HIDDEN),
            Attribute.of("direction", "bidirectional"), Attribute.of("clip", 0.9f),
            Attribute.strings("activations", "HardSigmoid", "ScaledTanh", "LeakyRelu",
                "Sigmoid", "Tanh", "Affine"),
            Attribute.floats("activation_alpha", 0.3f, 1.5f, 0.2f, 0.8f),
            Attribute.floats("activation_beta", 0.6f, 0.7f, 0.1f)));
    IrModel m = model(n, v, fedWeights);
    Map<String, Tensor> out = IrModels.run(m, feeds(m, v));
    RecurrentReference ref = new RecurrentReference(SEQ, BATCH, INPUT, HIDDEN, "bidirectional",
        LENS);
    RecurrentReference.Result fwd = ref.lstm(v.get("X").toFloatArray(),
        v.get("W").toFloatArray(), v.get("R").toFloatArray(), v.get("B").toFloatArray(),
        v.get("P").toFloatArray(), v.get("H0").toFloatArray(), v.get("C0").toFloatArray(),
        0.9, false, x -> Math.max(0, Math.min(1, 0.3 * x + 0.6)), x -> 1.5 * Math.tanh(0.7 * x),
        x -> x < 0 ? 0.2 * x : x);
    RecurrentReference.Result bwd = ref.lstm(v.get("X").toFloatArray(),
        v.get("W").toFloatArray(), v.get("R").toFloatArray(), v.get("B").toFloatArray(),
        v.get("P").toFloatArray(), v.get("H0").toFloatArray(), v.get("C0").toFloatArray(),
        0.9, false, SIGMOID, Math::tanh, x -> 0.8 * x + 0.1);
    assertClose(merge(fwd.y(), bwd.y(), SEQ), new long[] {SEQ, dirs, BATCH, HIDDEN},
        out.get("Y"), TOL);
    assertClose(merge(fwd.yh(), bwd.yh(), 1), new long[] {dirs, BATCH, HIDDEN},
        out.get("Y_h"), TOL);
    assertClose(merge(fwd.yc(), bwd.yc(), 1), new long[] {dirs, BATCH, HIDDEN},
        out.get("Y_c"), TOL);
  }

  /**
   * The reference computes both directions with one set of functions; take direction 0 of
   * {@code forward} and direction 1 of {@code backward}, laid out [outer, 2, BATCH, HIDDEN].
   */
  private static double[] merge(double[] forward, double[] backward, int outer) {
    int block = BATCH * HIDDEN;
    double[] out = new double[forward.length];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(forward, (o * 2) * block, out, (o * 2) * block, block);
      System.arraycopy(backward, (o * 2 + 1) * block, out, (o * 2 + 1) * block, block);
    }
    return out;
  }

  @Test
  void lstmReverseBatchMajorWithInputForget() {
    Map<String, Tensor> v = new HashMap<>();
    Tensor x = random(rng, SEQ, BATCH, INPUT); // sequence-major, for the reference
    v.put("X", transpose01(x));
    v.put("W", random(rng, 1, 4 * HIDDEN, INPUT));
    v.put("R", random(rng, 1, 4 * HIDDEN, HIDDEN));
    v.put("L", lens());
    Node n = node("LSTM", List.of("X", "W", "R", "", "L"), List.of("Y", "Y_h"),
        List.of(Attribute.of("hidden_size", (long) HIDDEN), Attribute.of("direction", "reverse"),
            Attribute.of("input_forget", 1L), Attribute.of("layout", 1L)));
    IrModel m = model(n, v, false);
    Map<String, Tensor> out = IrModels.run(m, feeds(m, v));
    RecurrentReference.Result want = new RecurrentReference(SEQ, BATCH, INPUT, HIDDEN,
        "reverse", LENS).lstm(x.toFloatArray(), v.get("W").toFloatArray(),
        v.get("R").toFloatArray(), null, null, null, null, Double.POSITIVE_INFINITY, true,
        SIGMOID, Math::tanh, Math::tanh);
    // Y [seq, 1, batch, hidden] is [batch, seq, 1, hidden] in layout 1; Y_h [batch, 1, hidden]
    double[] y = new double[want.y().length];
    for (int t = 0; t < SEQ; t++) {
      for (int b = 0; b < BATCH; b++) {
        System.arraycopy(want.y(), (t * BATCH + b) * HIDDEN, y, (b * SEQ + t) * HIDDEN, HIDDEN);
      }
    }
    assertClose(y, new long[] {BATCH, SEQ, 1, HIDDEN}, out.get("Y"), TOL);
    assertClose(want.yh(), new long[] {BATCH, 1, HIDDEN}, out.get("Y_h"), TOL);
  }

  private static Tensor transpose01(Tensor x) {
    long[] s = x.shape();
    float[] v = x.toFloatArray();
    float[] out = new float[v.length];
    int inner = (int) s[2];
    for (int a = 0; a < s[0]; a++) {
      for (int b = 0; b < s[1]; b++) {
        System.arraycopy(v, (int) ((a * s[1] + b) * inner), out, (int) ((b * s[0] + a) * inner),
            inner);
      }
    }
    return Tensor.of(out, s[1], s[0], s[2]);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1})
  void gruBidirectionalBothResetOrders(long linearBeforeReset) {
    int dirs = 2;
    Map<String, Tensor> v = new HashMap<>();
    v.put("X", random(rng, SEQ, BATCH, INPUT));
    v.put("W", random(rng, dirs, 3 * HIDDEN, INPUT));
    v.put("R", random(rng, dirs, 3 * HIDDEN, HIDDEN));
    v.put("B", random(rng, dirs, 6 * HIDDEN));
    v.put("L", lens());
    v.put("H0", random(rng, dirs, BATCH, HIDDEN));
    Node n = node("GRU", List.of("X", "W", "R", "B", "L", "H0"), List.of("Y", "Y_h"),
        List.of(Attribute.of("hidden_size", (long) HIDDEN),
            Attribute.of("direction", "bidirectional"), Attribute.of("clip", 1.1f),
            Attribute.of("linear_before_reset", linearBeforeReset)));
    IrModel m = model(n, v, false);
    Map<String, Tensor> out = IrModels.run(m, feeds(m, v));
    RecurrentReference.Result want = new RecurrentReference(SEQ, BATCH, INPUT, HIDDEN,
        "bidirectional", LENS).gru(v.get("X").toFloatArray(), v.get("W").toFloatArray(),
        v.get("R").toFloatArray(), v.get("B").toFloatArray(), v.get("H0").toFloatArray(), 1.1,
        linearBeforeReset != 0, SIGMOID, Math::tanh);
    assertClose(want.y(), new long[] {SEQ, dirs, BATCH, HIDDEN}, out.get("Y"), TOL);
    assertClose(want.yh(), new long[] {dirs, BATCH, HIDDEN}, out.get("Y_h"), TOL);
  }

  @Test
  void rnnReverseWithLengthsAndRelu() {
    Map<String, Tensor> v = new HashMap<>();
    v.put("X", random(rng, SEQ, BATCH, INPUT));
    v.put("W", random(rng, 1, HIDDEN, INPUT));
    v.put("R", random(rng, 1, HIDDEN, HIDDEN));
    v.put("B", random(rng, 1, 2 * HIDDEN));
    v.put("L", lens());
    Node n = node("RNN", List.of("X", "W", "R", "B", "L"), List.of("Y", "Y_h"),
        List.of(Attribute.of("hidden_size", (long) HIDDEN), Attribute.of("direction", "reverse"),
            Attribute.strings("activations", "Relu")));
    IrModel m = model(n, v, true);
    Map<String, Tensor> out = IrModels.run(m, feeds(m, v));
    RecurrentReference.Result want = new RecurrentReference(SEQ, BATCH, INPUT, HIDDEN,
        "reverse", LENS).rnn(v.get("X").toFloatArray(), v.get("W").toFloatArray(),
        v.get("R").toFloatArray(), v.get("B").toFloatArray(), null, Double.POSITIVE_INFINITY,
        x -> Math.max(0, x));
    assertClose(want.y(), new long[] {SEQ, 1, BATCH, HIDDEN}, out.get("Y"), TOL);
    assertClose(want.yh(), new long[] {1, BATCH, HIDDEN}, out.get("Y_h"), TOL);
  }
}
