package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The element-wise, shape and If kernels of the heap path against the ONNX node tests of
 * their operators. A case the heap path declines (a type it does not carry, an operator it
 * lacks) runs on the ND4J kernels in the backend, so it is skipped here; {@link #takesTheCore}
 * makes sure declining does not hide the common cases.
 */
class HeapGenericOpsTest {
  private static final String OPS = "test_(add|sub|mul|div|pow|equal|less|greater|and|or|xor"
      + "|where|cast|relu|sigmoid|tanh|sqrt|exp|log|neg|abs|reciprocal|softsign|softplus|erf"
      + "|leakyrelu|elu|selu|hardsigmoid|thresholdedrelu|gelu|clip|not|identity|shape|size"
      + "|reshape|flatten|squeeze|unsqueeze|transpose|slice|split|concat|gather|expand"
      + "|constantofshape|if|dropout)(_.*)?";

  static Stream<String> cases() {
    return HeapCases.matching(OPS).stream().filter(n -> !n.startsWith("test_gather_elements")
        && !n.startsWith("test_gathernd"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheNodeTest(String name) {
    Assumptions.assumeTrue(HeapCases.compile(name).isPresent(),
        "the heap path declines it: ND4J kernels run it");
    HeapCases.assertPasses(name);
  }

  /** No node test casts between the carried types: the spec's C casts, by hand. */
  @Test
  void castsBetweenCarriedTypes() {
    Graph g = new Graph("casts");
    g.inputs().add(new ValueInfo("x", ValueType.tensor(ElementType.FLOAT, Shape.of(Dim.of(4)))));
    String[] outs = {"i64", "b", "i32", "back"};
    ElementType[] types = {ElementType.INT64, ElementType.BOOL, ElementType.INT32,
        ElementType.FLOAT};
    String[] from = {"x", "x", "x", "i64"};
    for (int k = 0; k < outs.length; k++) {
      g.nodes().add(Node.of("c" + k, "Cast", List.of(from[k]), List.of(outs[k]),
          List.of(Attribute.of("to", types[k].onnxCode()))));
      g.outputs().add(new ValueInfo(outs[k], ValueType.tensor(types[k], Shape.of(Dim.of(4)))));
    }
    try (HeapProgram p = HeapProgram.compile(g, 21).orElseThrow()) {
      List<Dense> out = p.run(List.of(Dense.of(Tensor.of(new float[] {-1.5f, 2.7f, 0f, 3f},
          4))));
      assertArrayEquals(new long[] {-1, 2, 0, 3}, out.get(0).toTensor().toLongArray());
      assertArrayEquals(new long[] {1, 1, 0, 1}, out.get(1).toTensor().toLongArray());
      assertEquals(ElementType.INT32, out.get(2).type());
      assertArrayEquals(new long[] {-1, 2, 0, 3}, out.get(2).toTensor().toLongArray());
      assertArrayEquals(new float[] {-1f, 2f, 0f, 3f}, out.get(3).toTensor().toFloatArray());
    }
  }

  @Test
  void takesTheCore() {
    for (String name : List.of("test_add_bcast", "test_mul", "test_div", "test_pow",
        "test_equal", "test_where_example", "test_sigmoid",
        "test_relu", "test_tanh", "test_sqrt", "test_reshape_negative_dim", "test_squeeze",
        "test_unsqueeze_axis_0", "test_transpose_all_permutations_3", "test_slice_neg_steps",
        "test_split_variable_parts_1d_opset18", "test_concat_3d_axis_negative_1",
        "test_gather_negative_indices", "test_expand_dim_changed", "test_shape_start_1_end_2",
        "test_constantofshape_int_zeros", "test_if", "test_clip_default_min")) {
      assertTrue(HeapCases.compile(name).isPresent(), name + " was declined");
    }
  }
}
