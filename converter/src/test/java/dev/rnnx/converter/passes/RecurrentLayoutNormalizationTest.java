package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecurrentLayoutNormalizationTest {
  private static Map<String, Tensor> feeds(NodeTests.Case c) {
    Map<String, Tensor> feeds = new HashMap<>();
    List<ValueInfo> inputs = c.original().graph().requiredInputs();
    for (int i = 0; i < inputs.size(); i++) {
      feeds.put(inputs.get(i).name(), c.inputs().get(i));
    }
    return feeds;
  }

  private static void assertMatches(List<Tensor> expected, List<Tensor> actual, String what) {
    for (int i = 0; i < expected.size(); i++) {
      assertNull(Tensors.difference(actual.get(i), expected.get(i)), what + " output " + i);
    }
  }

  /** The reference itself, on the sequence-major node tests. */
  @ParameterizedTest
  @ValueSource(strings = {"test_lstm_defaults", "test_lstm_with_initial_bias",
      "test_lstm_with_peepholes", "test_gru_defaults", "test_gru_with_initial_bias",
      "test_gru_seq_length", "test_rnn_seq_length", "test_simple_rnn_defaults",
      "test_simple_rnn_with_initial_bias"})
  void theReferenceReproducesTheSequenceMajorNodeTests(String name) {
    NodeTests.Case c = NodeTests.named(name);
    assertMatches(c.outputs(), RecurrentReference.run(c.original().graph(), feeds(c)), name);
  }

  /** What ONNX Runtime refuses to run: batch-major nodes, here rewritten and then run. */
  @ParameterizedTest
  @ValueSource(strings = {"test_lstm_batchwise", "test_gru_batchwise",
      "test_simple_rnn_batchwise"})
  void rewrittenBatchwiseNodeTestsGiveTheirReferenceOutputs(String name) {
    NodeTests.Case c = NodeTests.named(name);
    IrModel m = new RecurrentLayoutNormalization().apply(c.model());
    Graph g = m.graph();
    assertFalse(g.nodes().stream().anyMatch(n -> n.attribute("layout").isPresent()));
    assertMatches(c.outputs(), RecurrentReference.run(g, feeds(c)), name);
    // and the rewritten graph types its outputs as the model declares them
    List<ValueInfo> declared = List.copyOf(g.outputs());
    g.outputs().replaceAll(o -> new ValueInfo(o.name(), null));
    new ShapeInference().apply(m);
    assertEquals(declared, g.outputs());
  }

  @Test
  void everyStateAndOutputIsTransposedAndTheNodeBecomesSequenceMajor() {
    Graph g = graph("g", List.of(value("x", FLOAT, "b", "s", 3), value("w", FLOAT, 2, 8, 3),
        value("r", FLOAT, 2, 8, 2), value("bias", FLOAT, 2, 16), value("lens", INT32, "b"),
        value("h0", FLOAT, "b", 2, 2), value("c0", FLOAT, "b", 2, 2)),
        List.of(output("y"), output("yh"), output("yc")));
    g.nodes().add(node("lstm", "LSTM", List.of("x", "w", "r", "bias", "lens", "h0", "c0"),
        List.of("y", "yh", "yc"), Attribute.of("hidden_size", 2L), Attribute.of("layout", 1L),
        Attribute.of("direction", "bidirectional")));
    new RecurrentLayoutNormalization().apply(model(g, 14));
    Map<String, Node> byOutput = new HashMap<>();
    g.nodes().forEach(n -> n.outputs().forEach(o -> byOutput.put(o, n)));
    Node core = g.nodes().stream().filter(n -> n.opType().equals("LSTM")).findFirst()
        .orElseThrow();
    assertFalse(core.attribute("layout").isPresent());
    assertEquals("bidirectional", core.stringAttr("direction", ""));
    assertEquals(List.of("w", "r", "bias", "lens"), core.inputs().subList(1, 5));
    for (int i : new int[] {0, 5, 6}) { // X, initial_h, initial_c come through Transposes
      Node t = byOutput.get(core.inputs().get(i));
      assertEquals("Transpose", t.opType());
      assertArrayEquals(new long[] {1, 0, 2}, t.attribute("perm").orElseThrow().asInts());
      assertEquals(List.of(List.of("x", "h0", "c0").get(i == 0 ? 0 : i - 4)), t.inputs());
    }
    long[][] perms = {{2, 0, 1, 3}, {1, 0, 2}, {1, 0, 2}};
    for (int k = 0; k < 3; k++) { // Y, Y_h, Y_c keep their names, produced by Transposes
      Node t = byOutput.get(List.of("y", "yh", "yc").get(k));
      assertEquals("Transpose", t.opType());
      assertArrayEquals(perms[k], t.attribute("perm").orElseThrow().asInts());
      assertEquals(List.of(core.outputs().get(k)), t.inputs());
    }
    // shape inference agrees: the outputs are batch-major again
    new ShapeInference().apply(model(g, 14));
    assertEquals(Graphs.type(FLOAT, "b", "s", 2, 2), g.outputs().get(0).type());
    assertEquals(Graphs.type(FLOAT, "b", 2, 2), g.outputs().get(1).type());
  }

  /** Seq and batch both above 1, two directions, ragged lengths: no perm can hide. */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "RNN"})
  void theRewriteComputesWhatTheBatchMajorNodeComputes(String op) {
    int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
    long batch = 3;
    long seq = 4;
    long hidden = 2;
    Graph g = graph("g", List.of(), List.of(output("y"), output("yh")));
    g.initializers().put("x", RecurrentReference.random(1, batch, seq, 5));
    g.initializers().put("w", RecurrentReference.random(2, 2, gates * hidden, 5));
    g.initializers().put("r", RecurrentReference.random(3, 2, gates * hidden, hidden));
    g.initializers().put("b", RecurrentReference.random(4, 2, 2 * gates * hidden));
    g.initializers().put("lens", Tensor.of(new int[] {4, 2, 3}, 3));
    g.initializers().put("h0", RecurrentReference.random(5, batch, 2, hidden));
    List<String> inputs = List.of("x", "w", "r", "b", "lens", "h0");
    List<String> outputs = List.of("y", "yh");
    if (op.equals("LSTM")) {
      g.initializers().put("c0", RecurrentReference.random(6, batch, 2, hidden));
      g.initializers().put("p", RecurrentReference.random(7, 2, 3 * hidden));
      inputs = List.of("x", "w", "r", "b", "lens", "h0", "c0", "p");
      outputs = List.of("y", "yh", "yc");
      g.outputs().add(output("yc"));
    }
    g.nodes().add(node("rnn", op, inputs, outputs, Attribute.of("hidden_size", hidden),
        Attribute.of("layout", 1L), Attribute.of("direction", "bidirectional")));
    List<Tensor> batchMajor = RecurrentReference.run(g, Map.of());
    new RecurrentLayoutNormalization().apply(model(g, 14));
    assertMatches(batchMajor, RecurrentReference.run(g, Map.of()), op);
  }
}
