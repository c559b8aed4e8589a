package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputBindingTest {
  private static Graph twoInputs() {
    Graph g = graph("g", List.of(value("x", FLOAT, "n", 2), value("bias", FLOAT, 2)),
        List.of(output("y")));
    g.nodes().add(node("add", "Add", List.of("x", "bias"), List.of("y")));
    return g;
  }

  @Test
  void aBoundInputBecomesAConstantInitializer() {
    IrModel m = InputBinding.bindConstant(model(twoInputs(), 17), "bias",
        Tensor.of(new float[] {1, 2}, 2));
    assertEquals(List.of("x"), m.graph().inputs().stream().map(ValueInfo::name).toList());
    assertEquals(Tensor.of(new float[] {1, 2}, 2), m.graph().initializers().get("bias"));
    assertEquals(Tensor.of(new float[] {1, 2}, 2), ConstantScope.of(m.graph()).get("bias"),
        "a constant now, not an overridable default");
  }

  @Test
  void bindingEverythingLetsTheModelFoldToItsValue() {
    IrModel m = new InputBinding(Map.of("x", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2),
        "bias", Tensor.of(new float[] {10, 20}, 2))).apply(model(twoInputs(), 17));
    m = new ConstantFolding().apply(m);
    assertEquals(Tensor.of(new float[] {11, 22, 13, 24}, 2, 2),
        m.graph().initializers().get("y"));
  }

  @Test
  void anUnknownNameIsAnInvalidArgumentListingTheInputs() {
    RnnxException e = assertThrows(RnnxException.class,
        () -> InputBinding.bindConstant(model(twoInputs(), 17), "nope", Tensor.scalar(1f)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("[x, bias]"),
        e.getMessage());
  }

  @Test
  void theValueMustFitTheDeclaredType() {
    IrModel m = model(twoInputs(), 17);
    Object[][] misfits = {
        {"bias", Tensor.of(new double[] {1, 2}, 2), "element types"},
        {"bias", Tensor.of(new float[] {1, 2}, 1, 2), "ranks"},
        {"bias", Tensor.of(new float[] {1, 2, 3}, 3), "dim 0"},
    };
    for (Object[] misfit : misfits) {
      RnnxException e = assertThrows(RnnxException.class,
          () -> InputBinding.bindConstant(m, (String) misfit[0], (Tensor) misfit[1]));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains((String) misfit[2]), e.getMessage());
    }
    // a symbolic dim takes any size, but one size per symbol
    Graph square = graph("g", List.of(value("m", FLOAT, "n", "n")), List.of());
    InputBinding.bindConstant(model(square.copy(), 17), "m", Tensor.of(new float[4], 2, 2));
    RnnxException e = assertThrows(RnnxException.class,
        () -> InputBinding.bindConstant(model(square, 17), "m", Tensor.of(new float[6], 2, 3)));
    assertTrue(e.getMessage().contains("dim 1 is n"), e.getMessage());
  }

  @Test
  void anOldModelIsLiftedToAnIrVersionWhereConstantsNeedNoInput() {
    IrModel old = new IrModel(3, Map.of("ai.onnx", 7L), Map.of(), "", "", "", twoInputs());
    IrModel m = InputBinding.bindConstant(old, "bias", Tensor.of(new float[] {1, 2}, 2));
    assertEquals(4, m.irVersion());
  }
}
