package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.type;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.BOOL;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IfPruningTest {
  private static Graph branch(String name, List<String> outputs, Node... nodes) {
    Graph b = graph(name, List.of(), outputs.stream().map(Graphs::output).toList());
    b.nodes().addAll(List.of(nodes));
    return b;
  }

  /** y = If(c) then x + one else x - one; x is a graph input, c and one constants. */
  private static Graph addOrSubtract(boolean cond) {
    Graph g = graph("g", List.of(value("x", FLOAT, 2)), List.of(output("y")));
    g.initializers().put("c", Tensor.scalar(cond));
    g.initializers().put("one", Tensor.of(new float[] {1}, 1));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"),
        Attribute.of("then_branch", branch("then", List.of("t"),
            node("add", "Add", List.of("x", "one"), List.of("t")))),
        Attribute.of("else_branch", branch("else", List.of("e"),
            node("sub", "Sub", List.of("x", "one"), List.of("e"))))));
    return g;
  }

  @Test
  void aConstantConditionInlinesTheBranchItTakes() {
    Graph g = addOrSubtract(false);
    new IfPruning().apply(model(g, 16));
    assertEquals(1, g.nodes().size());
    Node n = g.nodes().get(0);
    assertEquals("Sub", n.opType());
    assertEquals("if/sub", n.name());
    assertEquals(List.of("x", "one"), n.inputs());
    assertEquals(List.of("y"), n.outputs(), "the branch output takes the If's output name");
  }

  @Test
  void thePrunedModelComputesTheTakenBranch() {
    // with x bound too, the whole model folds: then gives x + 1, else x - 1
    for (boolean cond : new boolean[] {true, false}) {
      IrModel m = Passes.specializing(Map.of("x", Tensor.of(new float[] {3, 5}, 2)))
          .run(model(addOrSubtract(cond), 16));
      float[] expected = cond ? new float[] {4, 6} : new float[] {2, 4};
      assertEquals(Tensor.of(expected, 2), m.graph().initializers().get("y"));
      assertTrue(m.graph().nodes().isEmpty());
    }
  }

  @Test
  void anIfWhoseConditionIsAnInputStays() {
    Graph g = addOrSubtract(true);
    g.initializers().remove("c");
    g.inputs().add(value("c", BOOL));
    new IfPruning().apply(model(g, 16));
    assertEquals(List.of("If"), g.nodes().stream().map(Node::opType).toList());
  }

  @Test
  void nestedIfsWithConstantConditionsInsideTheBranchArePrunedToo() {
    Graph inner = graph("then", List.of(), List.of(output("t")));
    inner.initializers().put("inner_c", Tensor.scalar(true));
    inner.nodes().add(node("inner_if", "If", List.of("inner_c"), List.of("t"),
        Attribute.of("then_branch", branch("tt", List.of("tt_out"),
            node("neg", "Neg", List.of("x"), List.of("tt_out")))),
        Attribute.of("else_branch", branch("te", List.of("x")))));
    Graph g = graph("g", List.of(value("x", FLOAT, 2)), List.of(output("y")));
    g.nodes().add(node("flag", "Constant", List.of(), List.of("c"),
        Attribute.of("value", Tensor.scalar(true))));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"),
        Attribute.of("then_branch", inner),
        Attribute.of("else_branch", branch("else", List.of("x")))));
    new IfPruning().apply(model(g, 16));
    assertEquals(List.of("Constant", "Neg"), g.nodes().stream().map(Node::opType).toList());
    assertEquals(List.of("y"), g.nodes().get(1).outputs());
    assertEquals(Tensor.scalar(true), g.initializers().get("inner_c"), "moved up");
  }

  @Test
  void outputsPassedThroughOrGivenTwiceGetIdentities() {
    Graph g = graph("g", List.of(value("x", FLOAT, 2)), List.of(output("a"), output("b"),
        output("c")));
    g.initializers().put("cond", Tensor.scalar(true));
    Graph then = branch("then", List.of("x", "r", "r"),
        node("relu", "Relu", List.of("x"), List.of("r")));
    g.nodes().add(node("if", "If", List.of("cond"), List.of("a", "b", "c"),
        Attribute.of("then_branch", then),
        Attribute.of("else_branch", branch("else", List.of("x", "x", "x")))));
    new IfPruning().apply(model(g, 16));
    Set<String> produced = new HashSet<>();
    for (Node n : g.nodes()) {
      produced.addAll(n.outputs());
    }
    assertEquals(Set.of("a", "b", "c"), produced);
    Node relu = g.nodes().stream().filter(n -> n.opType().equals("Relu")).findFirst()
        .orElseThrow();
    assertEquals(List.of("b"), relu.outputs());
    assertEquals(2, g.nodes().stream().filter(n -> n.opType().equals("Identity")).count());
    assertEquals(List.of("x"), g.nodes().stream().filter(n -> n.outputs().contains("a"))
        .findFirst().orElseThrow().inputs());
    assertEquals(List.of("b"), g.nodes().stream().filter(n -> n.outputs().contains("c"))
        .findFirst().orElseThrow().inputs());
  }

  @Test
  void inlinedNamesThatCollideElsewhereAreMadeUniqueWithTheirTypesAndInitializers() {
    // the taken branch and another (kept) If's branch both define "tmp" and "k"
    Graph g = graph("g", List.of(value("x", FLOAT, 2), value("flag", BOOL)),
        List.of(output("y"), output("z")));
    g.initializers().put("cond", Tensor.scalar(true));
    Graph taken = branch("then", List.of("t"),
        node("mul", "Mul", List.of("x", "k"), List.of("tmp")),
        node("neg", "Neg", List.of("tmp"), List.of("t")));
    taken.initializers().put("k", Tensor.of(new float[] {2}, 1));
    taken.valueTypes().put("tmp", type(FLOAT, 2));
    Graph other = branch("other", List.of("tmp"),
        node("add", "Add", List.of("x", "k"), List.of("tmp")));
    other.initializers().put("k", Tensor.of(new float[] {5}, 1));
    g.nodes().add(node("if", "If", List.of("cond"), List.of("y"),
        Attribute.of("then_branch", taken), Attribute.of("else_branch", branch("e",
            List.of("x")))));
    g.nodes().add(node("keep", "If", List.of("flag"), List.of("z"),
        Attribute.of("then_branch", other), Attribute.of("else_branch", branch("e2",
            List.of("x")))));
    IrModel m = new IfPruning().apply(model(g, 16));
    Node mul = g.nodes().get(0);
    assertEquals(List.of("x", "k_1"), mul.inputs());
    assertEquals(List.of("tmp_1"), mul.outputs());
    assertEquals(List.of("tmp_1"), g.nodes().get(1).inputs());
    assertEquals(Tensor.of(new float[] {2}, 1), g.initializers().get("k_1"));
    assertEquals(type(FLOAT, 2), g.valueTypes().get("tmp_1"));
    assertEquals(List.of("tmp"), other.nodes().get(0).outputs(), "the kept If is untouched");
    // still a well-formed model: write it and read it back
    IrModel back = OnnxReader.read(OnnxWriter.toBytes(m), null);
    assertEquals(m.graph(), back.graph());
  }

  @Test
  void anIfInsideALoopBodyIsPrunedWithTheOuterConstants() {
    Graph body = graph("body", List.of(value("i", INT64), value("c", BOOL)),
        List.of(output("c_out"), output("s")));
    body.nodes().add(node("id", "Identity", List.of("c"), List.of("c_out")));
    body.nodes().add(node("if", "If", List.of("outer_flag"), List.of("s"),
        Attribute.of("then_branch", branch("then", List.of("t"),
            node("abs", "Abs", List.of("x"), List.of("t")))),
        Attribute.of("else_branch", branch("else", List.of("x")))));
    Graph g = graph("g", List.of(value("x", FLOAT, 2)), List.of(output("stacked")));
    g.initializers().put("outer_flag", Tensor.scalar(true));
    g.initializers().put("m", Tensor.scalar(2L));
    g.nodes().add(node("loop", "Loop", List.of("m", ""), List.of("stacked"),
        Attribute.of("body", body)));
    new IfPruning().apply(model(g, 16));
    assertEquals(List.of("Identity", "Abs"), body.nodes().stream().map(Node::opType).toList());
    assertEquals(List.of("s"), body.nodes().get(1).outputs());
  }

  @Test
  void theIfNodeTestFollowsItsBoundCondition() {
    NodeTests.Case c = NodeTests.named("test_if");
    assertEquals(Tensor.scalar(true), c.inputs().get(0));
    IrModel m = Passes.specializing(Map.of("cond", c.inputs().get(0))).run(c.model());
    assertTrue(m.graph().nodes().isEmpty());
    assertNull(Tensors.difference(m.graph().initializers().get("res"), c.outputs().get(0)));
  }
}
