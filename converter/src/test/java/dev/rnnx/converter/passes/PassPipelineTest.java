package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.ModelFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PassPipelineTest {
  private static GraphPass pass(String name, UnaryOperator<IrModel> body) {
    return new GraphPass() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public IrModel apply(IrModel model) {
        return body.apply(model);
      }
    };
  }

  @Test
  void eachPassRunsOnTheModelThePreviousOneReturned() {
    IrModel first = model(graph("g", List.of(), List.of()), 17);
    IrModel second = first.copy();
    List<IrModel> seen = new ArrayList<>();
    PassPipeline p = new PassPipeline(List.of(
        pass("a", m -> {
          seen.add(m);
          return second;
        }),
        pass("b", m -> {
          seen.add(m);
          return m;
        })));
    assertSame(second, p.run(first));
    assertEquals(List.of(first, second), seen);
    assertSame(first, seen.get(0));
    assertSame(second, seen.get(1));
  }

  @Test
  void aFailureNamesThePassAndTheNodeAndKeepsItsKind() {
    Graph g = graph("g", List.of(value("x", FLOAT, 2, 3)), List.of(value("y", FLOAT, 9)));
    g.nodes().add(node("relu1", "Relu", List.of("x"), List.of("y")));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> Passes.standard().run(model(g, 17)));
    assertEquals("pass shape-inference: node 'relu1' (Relu): output 'y' is declared float[9]"
        + " but inferred float[2, 3]", e.getMessage());

    RnnxException bad = assertThrows(RnnxException.class, () -> new PassPipeline(List.of(
        new InputBinding(java.util.Map.of("z", dev.rnnx.tensor.Tensor.scalar(1f)))))
        .run(model(graph("g", List.of(), List.of()), 17)));
    assertEquals(RnnxException.ErrorCode.INVALID_ARGUMENT, bad.code());
    assertEquals("pass input-binding: no graph input named 'z'; the inputs are []",
        bad.getMessage());
  }
}
