package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.type;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.BOOL;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DeadNodeEliminationTest {
  private static List<String> names(Graph g) {
    return g.nodes().stream().map(Node::name).toList();
  }

  @Test
  void removesWhatNoOutputNeedsAndKeepsWhatItDoes() {
    Graph g = graph("g", List.of(value("x", FLOAT, 2), value("w", FLOAT, 2)),
        List.of(output("y")));
    g.initializers().put("w", Tensor.of(new float[] {1, 2}, 2)); // a default for input w
    g.initializers().put("used", Tensor.of(new float[] {3, 4}, 2));
    g.initializers().put("unused", Tensor.of(new float[] {5, 6}, 2));
    g.nodes().add(node("a", "Add", List.of("x", "used"), List.of("s")));
    g.nodes().add(node("dead1", "Mul", List.of("x", "unused"), List.of("p")));
    g.nodes().add(node("dead2", "Relu", List.of("p"), List.of("q")));
    g.nodes().add(node("b", "Relu", List.of("s"), List.of("y")));
    g.valueTypes().put("s", type(FLOAT, 2));
    g.valueTypes().put("p", type(FLOAT, 2));
    g.valueTypes().put("gone", type(FLOAT, 2));
    new DeadNodeElimination().apply(model(g, 17));
    assertEquals(List.of("a", "b"), names(g));
    assertEquals(Set.of("w", "used"), g.initializers().keySet());
    assertEquals(Set.of("s"), g.valueTypes().keySet());
  }

  @Test
  void aNodeWithOneNeededOutputStaysWhole() {
    Graph g = graph("g", List.of(value("x", FLOAT, 4)), List.of(output("a")));
    g.nodes().add(node("split", "Split", List.of("x"), List.of("a", "b")));
    g.nodes().add(node("dead", "Neg", List.of("b"), List.of("c")));
    new DeadNodeElimination().apply(model(g, 17));
    assertEquals(List.of("split"), names(g));
  }

  @Test
  void valuesASubgraphReadsFromOutsideAreNeededAndDeadSubgraphNodesGo() {
    Graph then = graph("then", List.of(), List.of(output("t")));
    then.nodes().add(node("inner", "Relu", List.of("outer"), List.of("t")));
    then.nodes().add(node("innerDead", "Neg", List.of("other"), List.of("unused")));
    Graph otherwise = graph("else", List.of(), List.of(output("x")));
    Graph g = graph("g", List.of(value("c", BOOL), value("x", FLOAT, 1)), List.of(output("y")));
    g.nodes().add(node("producer", "Neg", List.of("x"), List.of("outer")));
    g.nodes().add(node("onlyForDeadInner", "Abs", List.of("x"), List.of("other")));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"), Attribute.of("then_branch", then),
        Attribute.of("else_branch", otherwise)));
    new DeadNodeElimination().apply(model(g, 16));
    assertEquals(List.of("producer", "if"), names(g));
    assertEquals(List.of("inner"), names(then));
  }

  @Test
  void theNodeTestModelsLoseNothingTheirOutputsNeed() {
    // Each node test computes exactly its outputs: nothing may go, and nothing may remain
    // whose outputs nothing reads.
    int changed = 0;
    for (NodeTests.Case c : NodeTests.all()) {
      IrModel m = c.model();
      Graph g = m.graph();
      Set<String> before = new TreeSet<>(names(g));
      new DeadNodeElimination().apply(m);
      changed += before.equals(new TreeSet<>(names(g))) ? 0 : 1;
    }
    assertEquals(0, changed);
  }
}
