package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.runtime.backend.nd4j.Nd4jBackend;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LSTM, GRU and RNN on the heap path: every ONNX node test of theirs, and random models at
 * realistic sizes (and with the attributes the node tests leave out) against the ND4J kernels.
 */
class HeapRecurrentTest {
  private static final double TOL = 1e-4;
  private final Random rng = new Random(11);

  static Stream<String> nodeTests() {
    return HeapCases.matching("test_(lstm|gru|rnn|simple_rnn).*").stream();
  }

  @ParameterizedTest
  @MethodSource("nodeTests")
  void nodeTestPasses(String name) {
    Optional<HeapProgram> p = HeapCases.compile(name);
    p.ifPresent(HeapProgram::close);
    Assumptions.assumeTrue(p.isPresent() || !name.endsWith("_batchwise"),
        name + " holds ops the heap path does not cover yet");
    HeapCases.assertPasses(name);
  }

  @Test
  void nodeTestsAreFound() {
    assertTrue(nodeTests().count() >= 12, "recurrent node tests: " + nodeTests().toList());
  }

  @Test
  void lstmBidirectionalWithLengthsAndInitialStatesMatchesNd4j() {
    int seq = 20;
    int batch = 3;
    int input = 128;
    int hidden = 256;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(seq, batch, input));
    v.put("W", random(2, 4 * hidden, input));
    v.put("R", random(2, 4 * hidden, hidden));
    v.put("B", random(2, 8 * hidden));
    v.put("L", Tensor.of(new int[] {20, 7, 13}, 3));
    v.put("H0", random(2, batch, hidden));
    v.put("C0", random(2, batch, hidden));
    Node n = Node.of("lstm", "LSTM", List.of("X", "W", "R", "B", "L", "H0", "C0"),
        List.of("Y", "Y_h", "Y_c"), List.of(Attribute.of("hidden_size", (long) hidden),
            Attribute.of("direction", "bidirectional")));
    assertMatchesNd4j(n, v, false);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1})
  void gruBidirectionalWithLengthsAndInitialStateMatchesNd4j(long linearBeforeReset) {
    int seq = 20;
    int batch = 3;
    int input = 128;
    int hidden = 256;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(seq, batch, input));
    v.put("W", random(2, 3 * hidden, input));
    v.put("R", random(2, 3 * hidden, hidden));
    v.put("B", random(2, 6 * hidden));
    v.put("L", Tensor.of(new int[] {11, 20, 1}, 3));
    v.put("H0", random(2, batch, hidden));
    Node n = Node.of("gru", "GRU", List.of("X", "W", "R", "B", "L", "H0"),
        List.of("Y", "Y_h"), List.of(Attribute.of("hidden_size", (long) hidden),
            Attribute.of("direction", "bidirectional"),
            Attribute.of("linear_before_reset", linearBeforeReset)));
    assertMatchesNd4j(n, v, false);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void lstmPeepholesClipActivationsAndFedWeightsMatchNd4j(boolean fedWeights) {
    int dirs = 2;
    int hidden = 6;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(5, 3, 4));
    v.put("W", random(dirs, 4 * hidden, 4));
    v.put("R", random(dirs, 4 * hidden, hidden));
    v.put("B", random(dirs, 8 * hidden));
    v.put("L", Tensor.of(new int[] {5, 0, 3}, 3));
    v.put("H0", random(dirs, 3, hidden));
    v.put("C0", random(dirs, 3, hidden));
    v.put("P", random(dirs, 3 * hidden));
    Node n = Node.of("lstm", "LSTM", List.of("X", "W", "R", "B", "L", "H0", "C0", "P"),
        List.of("Y", "Y_h", "Y_c"), List.of(Attribute.of("hidden_size", (long) hidden),
            Attribute.of("direction", "bidirectional"), Attribute.of("clip", 0.9f),
            strings("activations", "HardSigmoid", "ScaledTanh", "Affine", "Sigmoid",
                "LeakyRelu", "Softsign"),
            floats("activation_alpha", 0.3f, 0.8f, 1.5f, 0.05f),
            floats("activation_beta", 0.4f, 1.2f, -0.1f)));
    assertMatchesNd4j(n, v, fedWeights);
  }

  @Test
  void lstmReverseBatchMajorWithInputForgetMatchesNd4j() {
    int hidden = 5;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(3, 4, 2)); // [batch, seq, input]
    v.put("W", random(1, 4 * hidden, 2));
    v.put("R", random(1, 4 * hidden, hidden));
    v.put("H0", random(3, 1, hidden)); // [batch, dirs, hidden]
    Node n = Node.of("lstm", "LSTM", List.of("X", "W", "R", "", "", "H0"),
        List.of("Y", "Y_h", "Y_c"), List.of(Attribute.of("hidden_size", (long) hidden),
            Attribute.of("direction", "reverse"), Attribute.of("input_forget", 1L),
            Attribute.of("layout", 1L)));
    assertMatchesNd4j(n, v, false);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1})
  void gruClipReverseAndFedWeightsMatchNd4j(long linearBeforeReset) {
    int hidden = 7;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(6, 2, 3));
    v.put("W", random(1, 3 * hidden, 3));
    v.put("R", random(1, 3 * hidden, hidden));
    v.put("B", random(1, 6 * hidden));
    v.put("L", Tensor.of(new long[] {4, 6}, 2));
    Node n = Node.of("gru", "GRU", List.of("X", "W", "R", "B", "L"), List.of("Y", "Y_h"),
        List.of(Attribute.of("hidden_size", (long) hidden), Attribute.of("direction", "reverse"),
            Attribute.of("clip", 1.1f), Attribute.of("linear_before_reset", linearBeforeReset),
            strings("activations", "Relu", "Elu"), floats("activation_alpha", 0.7f)));
    assertMatchesNd4j(n, v, true);
  }

  @Test
  void rnnBidirectionalWithLengthsMatchesNd4j() {
    int hidden = 32;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(9, 4, 16));
    v.put("W", random(2, hidden, 16));
    v.put("R", random(2, hidden, hidden));
    v.put("B", random(2, 2 * hidden));
    v.put("L", Tensor.of(new int[] {9, 2, 5, 8}, 4));
    v.put("H0", random(2, 4, hidden));
    Node n = Node.of("rnn", "RNN", List.of("X", "W", "R", "B", "L", "H0"), List.of("Y", "Y_h"),
        List.of(Attribute.of("hidden_size", (long) hidden),
            Attribute.of("direction", "bidirectional"),
            strings("activations", "Tanh", "ThresholdedRelu"),
            floats("activation_alpha", 0.2f)));
    assertMatchesNd4j(n, v, false);
  }

  /** One-step runs fold the projection into the step's product (LSTM, RNN; not GRU). */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU0", "GRU1", "RNN"})
  void oneStepRunsMatchNd4j(String op) {
    int hidden = 64;
    int gates = op.equals("LSTM") ? 4 : op.equals("RNN") ? 1 : 3;
    Map<String, Tensor> v = new LinkedHashMap<>();
    v.put("X", random(1, 2, 48));
    v.put("W", random(2, gates * hidden, 48));
    v.put("R", random(2, gates * hidden, hidden));
    v.put("B", random(2, 2 * gates * hidden));
    v.put("L", Tensor.of(new int[] {1, 0}, 2));
    v.put("H0", random(2, 2, hidden));
    v.put("C0", random(2, 2, hidden));
    List<String> inputs = new java.util.ArrayList<>(List.of("X", "W", "R", "B", "L", "H0"));
    List<String> outputs = new java.util.ArrayList<>(List.of("Y", "Y_h"));
    List<Attribute> attrs = new java.util.ArrayList<>(List.of(
        Attribute.of("hidden_size", (long) hidden), Attribute.of("direction", "bidirectional")));
    if (op.equals("LSTM")) {
      inputs.add("C0");
      outputs.add("Y_c");
    }
    if (op.startsWith("GRU")) {
      attrs.add(Attribute.of("linear_before_reset", op.equals("GRU1") ? 1L : 0L));
    }
    Node n = Node.of("cell", op.substring(0, Math.min(op.length(), op.equals("LSTM") ? 4 : 3)),
        inputs, outputs, attrs);
    assertMatchesNd4j(n, v, false);
    assertMatchesNd4j(n, v, true);
  }

  @Test
  void doubleInputsAreDeclined() {
    Graph g = new Graph("double_lstm");
    g.inputs().add(new ValueInfo("X", ValueType.tensor(ElementType.DOUBLE, Shape.of(1, 1, 2))));
    g.initializers().put("W", Tensor.of(new double[8], 1, 4, 2));
    g.initializers().put("R", Tensor.of(new double[4], 1, 4, 1));
    g.nodes().add(Node.of("lstm", "LSTM", List.of("X", "W", "R"), List.of("Y"),
        List.of(Attribute.of("hidden_size", 1L))));
    g.outputs().add(new ValueInfo("Y", ValueType.tensor(ElementType.DOUBLE,
        Shape.of(1, 1, 1, 1))));
    assertFalse(HeapProgram.compile(g, 14).isPresent());
  }

  /** Runs the node on the heap path and on the ND4J kernels and compares every output. */
  private static void assertMatchesNd4j(Node n, Map<String, Tensor> values, boolean fedWeights) {
    IrModel m = model(n, values, fedWeights);
    Map<String, Tensor> feeds = new HashMap<>();
    m.graph().inputs().forEach(i -> feeds.put(i.name(), values.get(i.name())));
    Optional<HeapProgram> heap = HeapProgram.compile(m.graph(), m.defaultOpset());
    assertTrue(heap.isPresent(), "the heap path declined " + n.describe());
    heap.get().close();
    Map<String, Tensor> expected;
    try (Executable e = new Nd4jBackend(false).compile(m, 1)) {
      expected = e.run(new HashMap<>(feeds));
    }
    Map<String, Tensor> actual;
    try (Executable e = new Nd4jBackend(true).compile(m, 1)) {
      assertTrue(e instanceof HeapExecutable, "not run on the heap path");
      actual = e.run(new HashMap<>(feeds));
      Map<String, Tensor> again = e.run(new HashMap<>(feeds)); // scratch reuse
      assertEquals(actual.keySet(), again.keySet());
      again.forEach((k, t) -> assertTrue(Arrays.equals(t.toFloatArray(),
          actual.get(k).toFloatArray()), k + " differs on the second run"));
    }
    assertEquals(expected.keySet(), actual.keySet());
    for (String k : expected.keySet()) {
      Tensor e = expected.get(k);
      Tensor a = actual.get(k);
      assertEquals(Arrays.toString(e.shape()), Arrays.toString(a.shape()), k + " shape");
      float[] ev = e.toFloatArray();
      float[] av = a.toFloatArray();
      for (int i = 0; i < ev.length; i++) {
        assertTrue(Math.abs(av[i] - ev[i]) <= TOL * (1 + Math.abs(ev[i])),
            k + "[" + i + "] = " + av[i] + ", nd4j " + ev[i]);
      }
    }
  }

  /** One-node model: W, R and B initializers unless fed; every other input fed. */
  private static IrModel model(Node n, Map<String, Tensor> values, boolean fedWeights) {
    Graph g = new Graph("heap_recurrent");
    for (String in : n.inputs()) {
      if (in.isEmpty()) {
        continue;
      }
      Tensor t = values.get(in);
      boolean weight = in.equals("W") || in.equals("R") || in.equals("B");
      if (weight && !fedWeights) {
        g.initializers().put(in, t);
      } else {
        g.inputs().add(new ValueInfo(in, ValueType.tensor(t.type(), Shape.of(t.shape()))));
      }
    }
    g.nodes().add(n);
    for (String out : n.outputs()) {
      g.outputs().add(new ValueInfo(out, ValueType.tensor(ElementType.FLOAT, null)));
    }
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 14L), Map.of(), "test", "", "", g);
  }

  private Tensor random(long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (rng.nextFloat() * 2 - 1) * 0.2f;
    }
    return Tensor.of(v, shape);
  }

  private static Attribute strings(String name, String... values) {
    return Attribute.strings(name, values);
  }

  private static Attribute floats(String name, float... values) {
    return Attribute.floats(name, values);
  }
}
