package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small graph at an old opset, built node by node, for upgrade tests. */
final class LegacyGraph {
  final Graph graph = new Graph("legacy");
  private final long opset;
  private final Map<String, Long> opsets = new TreeMap<>();

  private LegacyGraph(long opset) {
    this.opset = opset;
  }

  static LegacyGraph at(long opset) {
    return new LegacyGraph(opset);
  }

  LegacyGraph input(String name, ElementType type, long... dims) {
    graph.inputs().add(new ValueInfo(name, ValueType.tensor(type, Shape.of(dims))));
    return this;
  }

  /** An input of unknown shape. */
  LegacyGraph shapelessInput(String name, ElementType type) {
    graph.inputs().add(new ValueInfo(name, ValueType.tensor(type, null)));
    return this;
  }

  LegacyGraph output(String name) {
    graph.outputs().add(new ValueInfo(name, null));
    return this;
  }

  LegacyGraph constant(String name, Tensor value) {
    return node("Constant", List.of(), List.of(name), Attribute.of("value", value));
  }

  LegacyGraph node(String op, List<String> inputs, List<String> outputs,
      Attribute... attributes) {
    graph.nodes().add(Node.of(op.toLowerCase() + graph.nodes().size(), op, inputs, outputs,
        Arrays.asList(attributes)));
    return this;
  }

  /** Imports another domain as well. */
  LegacyGraph importing(String domain, long version) {
    opsets.put(domain, version);
    return this;
  }

  IrModel model() {
    Map<String, Long> all = new TreeMap<>(opsets);
    all.put(Node.DEFAULT_DOMAIN, opset);
    return new IrModel(3, all, Map.of(), "legacy-test", "", "", graph);
  }
}
