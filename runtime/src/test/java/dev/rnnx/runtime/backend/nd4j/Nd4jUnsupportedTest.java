package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model with unsupported operators is refused with one message naming all of them. */
class Nd4jUnsupportedTest {
  private static final String REASON = "unsupported operators: NonMaxSuppression (node 'nms');"
      + " Unique (nodes 'u1', #0 of graph 'then'); com.example.Custom (node 'custom')";

  private static IrModel model() {
    Graph then = new Graph("then");
    then.nodes().add(Node.of("", "Unique", List.of("x"), List.of("t"), List.of()));
    then.outputs().add(new ValueInfo("t", null));
    Graph otherwise = new Graph("else");
    otherwise.nodes().add(Node.of("e", "Relu", List.of("x"), List.of("t2"), List.of()));
    otherwise.outputs().add(new ValueInfo("t2", null));
    Graph g = new Graph("main");
    g.inputs().add(new ValueInfo("x", null));
    g.inputs().add(new ValueInfo("flag", null));
    g.nodes().add(Node.of("relu", "Relu", List.of("x"), List.of("a"), List.of()));
    g.nodes().add(Node.of("nms", "NonMaxSuppression", List.of("a", "a"), List.of("b"),
        List.of()));
    g.nodes().add(Node.of("u1", "Unique", List.of("b"), List.of("c"), List.of()));
    g.nodes().add(Node.of("if", "If", List.of("flag"), List.of("d"), List.of(
        Attribute.of("then_branch", then), Attribute.of("else_branch", otherwise))));
    g.nodes().add(new Node("custom", "Custom", "com.example", List.of("d"), List.of("e"),
        Map.of()));
    g.outputs().add(new ValueInfo("e", null));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L, "com.example", 1L), Map.of(), "test",
        "", "", g);
  }

  @Test
  void everyUnsupportedOperatorAndItsNodesAreListedOnce() {
    assertEquals(REASON, new Nd4jBackend().unsupportedReason(model()).orElseThrow());
  }

  @Test
  void compileRefusesWithThatMessage() {
    RnnxException e = assertThrows(RnnxException.class,
        () -> new Nd4jBackend().compile(model(), 1));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code());
    assertEquals("backend nd4j cannot run this model: " + REASON, e.getMessage());
  }
}
