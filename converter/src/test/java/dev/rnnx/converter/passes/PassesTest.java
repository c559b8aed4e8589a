package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.type;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassesTest {
  @Test
  void theStandardPipelineRunsThePassesInTheDocumentedOrder() {
    assertEquals(List.of("recurrent-layout-normalization", "shape-inference", "opset-upgrade",
        "constant-folding", "if-pruning", "dead-node-elimination", "shape-inference"),
        Passes.standard().passes().stream().map(GraphPass::name).toList());
    assertEquals("input-binding",
        Passes.specializing(Map.of()).passes().get(0).name());
  }

  @Test
  void anExportedGraphLosesItsShapeArithmeticDebugBranchAndDeadEnds() {
    // y = Reshape(x, [batch, -1]) via Shape/Gather/Unsqueeze/Concat, behind If(debug=false),
    // plus a Neg whose result nothing reads
    Graph g = graph("g", List.of(value("x", FLOAT, 2, 4, 5)), List.of(output("y")));
    g.initializers().put("zero", Tensor.scalar(0L));
    g.initializers().put("axes", Tensor.of(new long[] {0}, 1));
    g.initializers().put("rest", Tensor.of(new long[] {-1}, 1));
    g.initializers().put("debug", Tensor.scalar(false));
    g.nodes().add(node("shape", "Shape", List.of("x"), List.of("s")));
    g.nodes().add(node("gather", "Gather", List.of("s", "zero"), List.of("b")));
    g.nodes().add(node("unsq", "Unsqueeze", List.of("b", "axes"), List.of("b1")));
    g.nodes().add(node("concat", "Concat", List.of("b1", "rest"), List.of("target"),
        Attribute.of("axis", 0L)));
    g.nodes().add(node("reshape", "Reshape", List.of("x", "target"), List.of("flat")));
    g.nodes().add(node("unused", "Neg", List.of("flat"), List.of("nobody")));
    Graph debug = graph("debug", List.of(), List.of(output("d")));
    debug.nodes().add(node("dump", "Abs", List.of("flat"), List.of("d")));
    Graph plain = graph("plain", List.of(), List.of(output("flat")));
    g.nodes().add(node("if", "If", List.of("debug"), List.of("y"),
        Attribute.of("then_branch", debug), Attribute.of("else_branch", plain)));
    IrModel m = Passes.standard().run(model(g, 13));
    assertEquals(List.of("Reshape", "Identity"),
        m.graph().nodes().stream().map(Node::opType).toList());
    assertEquals(Map.of("target", Tensor.of(new long[] {2, -1}, 2)), m.graph().initializers());
    assertEquals(type(FLOAT, 2, 20), m.graph().outputs().get(0).type());
  }

  @Test
  void aBatchFirstExportWithAComputedInitialStateKeepsItsSymbolicBatch() {
    // h0 = ConstantOfShape(Concat(Unsqueeze(Gather(Shape(x), 0)), [1], [2])): [batch, 1, 2]
    Graph g = graph("g", List.of(value("x", FLOAT, "batch", "seq", 4)),
        List.of(output("y"), output("yh")));
    g.initializers().put("w", Tensor.of(new float[8 * 4], 1, 8, 4));
    g.initializers().put("r", Tensor.of(new float[8 * 2], 1, 8, 2));
    g.initializers().put("zero", Tensor.scalar(0L));
    g.initializers().put("axes", Tensor.of(new long[] {0}, 1));
    g.initializers().put("dirs", Tensor.of(new long[] {1}, 1));
    g.initializers().put("hidden", Tensor.of(new long[] {2}, 1));
    g.nodes().add(node("shape", "Shape", List.of("x"), List.of("s")));
    g.nodes().add(node("gather", "Gather", List.of("s", "zero"), List.of("b")));
    g.nodes().add(node("unsq", "Unsqueeze", List.of("b", "axes"), List.of("b1")));
    g.nodes().add(node("concat", "Concat", List.of("b1", "dirs", "hidden"), List.of("hs"),
        Attribute.of("axis", 0L)));
    g.nodes().add(node("h0", "ConstantOfShape", List.of("hs"), List.of("h0")));
    g.nodes().add(node("lstm", "LSTM", List.of("x", "w", "r", "", "", "h0"),
        List.of("y", "yh"), Attribute.of("hidden_size", 2L), Attribute.of("layout", 1L)));
    IrModel m = Passes.standard().run(model(g, 14));
    assertEquals(type(FLOAT, "batch", 1, 2), m.graph().typeOf("h0").orElseThrow());
    assertEquals(type(FLOAT, 1, "batch", 2), m.graph().typeOf("h0_seq_major").orElseThrow());
    assertEquals(type(FLOAT, "seq", 1, "batch", 2), m.graph().typeOf("y_seq_major")
        .orElseThrow());
    assertEquals(type(FLOAT, "batch", "seq", 1, 2), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, "batch", 1, 2), m.graph().outputs().get(1).type());
  }

  @Test
  void theBatchwiseRecurrentNodeTestsBecomeSequenceMajorAndKeepTheirTypes() {
    for (String name : List.of("test_lstm_batchwise", "test_gru_batchwise",
        "test_simple_rnn_batchwise")) {
      NodeTests.Case c = NodeTests.named(name);
      IrModel m = Passes.standard().run(c.model());
      assertTrue(m.graph().nodes().stream().noneMatch(n -> n.attribute("layout").isPresent()),
          name);
      assertEquals(c.original().graph().outputs(), m.graph().outputs(), name);
    }
  }

  /**
   * The whole pipeline over every node test: the result is a well-formed model (it survives
   * export and the reader's checks), and with the inputs bound every output it folds is the
   * reference output.
   */
  @Test
  void everyNodeTestModelComesOutWellFormedAndBoundOnesFoldToTheReference() {
    List<String> failures = new ArrayList<>();
    int folded = 0;
    for (NodeTests.Case c : NodeTests.all()) {
      try {
        IrModel m = Passes.standard().run(c.model());
        OnnxReader.read(OnnxWriter.toBytes(m), null);
        IrModel bound = c.bound();
        if (bound == null) {
          continue;
        }
        m = Passes.standard().run(bound);
        OnnxReader.read(OnnxWriter.toBytes(m), null);
        for (int i = 0; i < c.outputs().size(); i++) {
          Tensor value = m.graph().initializers().get(m.graph().outputs().get(i).name());
          if (value != null && c.outputs().get(i) != null) {
            folded++;
            String wrong = Tensors.difference(value, c.outputs().get(i));
            if (wrong != null) {
              failures.add(c.name() + " output " + i + ": " + wrong);
            }
          }
        }
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e);
      }
    }
    assertEquals("", String.join("\n", failures));
    assertTrue(folded > 400, "only " + folded + " outputs folded");
  }
}
