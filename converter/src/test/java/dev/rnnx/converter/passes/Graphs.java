package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shorthands for building small IR graphs in tests. */
final class Graphs {
  private Graphs() {}

  /** @return a default-domain node */
  static Node node(String name, String op, List<String> inputs, List<String> outputs,
      Attribute... attributes) {
    return Node.of(name, op, inputs, outputs, Arrays.asList(attributes));
  }

  /** @return a tensor value of fixed or symbolic dims: Integer/Long sizes, String symbols */
  static ValueInfo value(String name, ElementType type, Object... dims) {
    return new ValueInfo(name, type(type, dims));
  }

  /** @return a tensor type of fixed (numbers), symbolic (strings) or unknown (null) dims */
  static ValueType.TensorType type(ElementType type, Object... dims) {
    Dim[] d = new Dim[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i] == null ? Dim.UNKNOWN : dims[i] instanceof String s ? Dim.of(s)
          : Dim.of(((Number) dims[i]).longValue());
    }
    return ValueType.tensor(type, Shape.of(d));
  }

  /** @return a model around a graph, importing the default domain at {@code opset} */
  static IrModel model(Graph g, long opset) {
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, opset), Map.of(), "test", "", "", g);
  }

  /** @return a graph with these inputs and outputs and no nodes yet */
  static Graph graph(String name, List<ValueInfo> inputs, List<ValueInfo> outputs) {
    Graph g = new Graph(name);
    g.inputs().addAll(inputs);
    g.outputs().addAll(outputs);
    return g;
  }

  /** @return an output with no type */
  static ValueInfo output(String name) {
    return new ValueInfo(name, null);
  }
}
