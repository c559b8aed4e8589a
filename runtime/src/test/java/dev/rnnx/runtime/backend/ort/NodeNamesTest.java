package dev.rnnx.runtime.backend.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Repeated node names, which ONNX Runtime refuses, get suffixes; empty names stay empty. */
class NodeNamesTest {
  private static Node relu(String name, String in, String out) {
    return Node.of(name, "Relu", List.of(in), List.of(out), List.of());
  }

  private static IrModel model(Graph g) {
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "", "", "", g);
  }

  @Test
  void distinctNamesLeaveTheModelAsItIs() {
    Graph g = new Graph("g");
    g.nodes().add(relu("a", "x", "y"));
    g.nodes().add(relu("", "y", "z"));
    g.nodes().add(relu("", "z", "w"));
    IrModel m = model(g);
    assertSame(m, NodeNames.distinct(m));
  }

  @Test
  void repeatedNamesGetSuffixesInSubgraphsTooAndTheOriginalIsKept() {
    Graph branch = new Graph("branch");
    branch.nodes().add(relu("/", "x", "b"));
    Graph g = new Graph("g");
    g.nodes().add(relu("/", "x", "y"));
    g.nodes().add(relu("/", "y", "z"));
    g.nodes().add(Node.of("if", "If", List.of("c"), List.of("o"),
        List.of(Attribute.of("then_branch", branch), Attribute.of("else_branch", branch))));
    g.nodes().add(relu("", "z", "w"));
    IrModel m = model(g);
    assertEquals(List.of("/", "/_1", "if", "/_2", "/_3", ""), names(NodeNames.distinct(m)));
    assertEquals(List.of("/", "/", "if", "/", "/", ""), names(m));
  }

  private static List<String> names(IrModel m) {
    return m.graph().allNodes().stream().map(Node::name).toList();
  }
}
