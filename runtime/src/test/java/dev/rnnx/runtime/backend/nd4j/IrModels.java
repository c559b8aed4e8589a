package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One-node models for kernel tests, run on the nd4j backend without converter passes. */
final class IrModels {
  private IrModels() {}

  /**
   * @param node the node under test
   * @param inputs its fed inputs, by name (in node order)
   * @param constants its constant inputs (initializers), by name
   * @param opset the default-domain opset
   * @return the model
   */
  static IrModel of(Node node, List<String> inputs, Map<String, Tensor> constants, long opset) {
    Graph g = new Graph("test");
    inputs.forEach(i -> g.inputs().add(new ValueInfo(i, null)));
    g.initializers().putAll(constants);
    g.nodes().add(node);
    node.outputs().stream().filter(o -> !o.isEmpty())
        .forEach(o -> g.outputs().add(new ValueInfo(o, null)));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, opset), Map.of(), "test", "", "", g);
  }

  /** @return the outputs of one run of the model on nd4j */
  static Map<String, Tensor> run(IrModel model, Map<String, Tensor> feeds) {
    try (Executable e = new Nd4jBackend().compile(model, 1)) {
      return e.run(new LinkedHashMap<>(feeds));
    }
  }

  /** @return a float tensor of uniform values in [-1, 1) */
  static Tensor random(Random r, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.of(v, shape);
  }

  /** Asserts shape and values agree within {@code tol} absolute plus relative. */
  static void assertClose(double[] expected, long[] shape, Tensor actual, double tol) {
    assertEquals(Arrays.toString(shape), Arrays.toString(actual.shape()), "shape");
    double[] got = actual.toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(got[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])),
          "element " + i + ": " + got[i] + ", expected " + expected[i]);
    }
  }
}
