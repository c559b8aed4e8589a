package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.converter.onnx.TensorProtos;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small ONNX backend test cases written to a folder, for runner and CLI tests. */
final class CaseFolders {
  private CaseFolders() {}

  static ValueInfo floats(String name, long... dims) {
    return new ValueInfo(name, ValueType.tensor(ElementType.FLOAT, Shape.of(dims)));
  }

  /** @return a model at opset 17 around one graph */
  static IrModel model(Graph g) {
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-test", "", "", g);
  }

  /** y = Identity(x), x and y float[n]. */
  static IrModel identity(long n) {
    Graph g = new Graph("identity");
    g.inputs().add(floats("x", n));
    g.outputs().add(floats("y", n));
    g.nodes().add(Node.of("id", "Identity", List.of("x"), List.of("y"), List.of()));
    return model(g);
  }

  /** A Loop that passes x through Long.MAX_VALUE times: never finishes in practice. */
  static IrModel spin() {
    Graph body = new Graph("body");
    Shape scalar = Shape.of(new long[0]);
    body.inputs().add(new ValueInfo("i", ValueType.tensor(ElementType.INT64, scalar)));
    body.inputs().add(new ValueInfo("cond", ValueType.tensor(ElementType.BOOL, scalar)));
    body.inputs().add(floats("x_in", 1));
    body.outputs().add(new ValueInfo("cond_out", ValueType.tensor(ElementType.BOOL, scalar)));
    body.outputs().add(floats("x_out", 1));
    body.nodes().add(Node.of("keep", "Identity", List.of("cond"), List.of("cond_out"),
        List.of()));
    body.nodes().add(Node.of("pass", "Identity", List.of("x_in"), List.of("x_out"), List.of()));
    Graph g = new Graph("spin");
    g.inputs().add(floats("x", 1));
    g.outputs().add(floats("y", 1));
    g.initializers().put("trips", Tensor.scalar(Long.MAX_VALUE));
    g.nodes().add(Node.of("loop", "Loop", List.of("trips", "", "x"), List.of("y"),
        List.of(Attribute.of("body", body))));
    return model(g);
  }

  /**
   * Writes {@code root/name/model.onnx} and {@code test_data_set_0} with the given values.
   *
   * @return the case
   */
  static OnnxTestCase write(Path root, String name, IrModel model, List<Tensor> inputs,
      List<Tensor> outputs) {
    try {
      Path dir = Files.createDirectories(root.resolve(name));
      OnnxWriter.write(model, dir.resolve("model.onnx"));
      Path data = Files.createDirectories(dir.resolve("test_data_set_0"));
      for (int i = 0; i < inputs.size(); i++) {
        Files.write(data.resolve("input_" + i + ".pb"),
            TensorProtos.toProto(inputs.get(i), "").toByteArray());
      }
      for (int i = 0; i < outputs.size(); i++) {
        Files.write(data.resolve("output_" + i + ".pb"),
            TensorProtos.toProto(outputs.get(i), "").toByteArray());
      }
      return new OnnxTestCase(name, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An identity case whose reference output equals its input (so it passes). */
  static OnnxTestCase passing(Path root, String name) {
    Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
    return write(root, name, identity(3), List.of(x), List.of(x));
  }
}
