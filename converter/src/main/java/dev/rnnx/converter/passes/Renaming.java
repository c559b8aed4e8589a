package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Renames values by a map. Subgraphs may not redefine a name visible from outside (ONNX forbids
 * shadowing), so one map applies at every depth.
 */
final class Renaming {
  private final Map<String, String> names;

  /** @param names new name by old name; names not in it stay */
  Renaming(Map<String, String> names) {
    this.names = names;
  }

  /** @return the new name of a value ("" stays "") */
  String name(String old) {
    return names.getOrDefault(old, old);
  }

  /** @return the names, each renamed */
  List<String> names(List<String> old) {
    return old.stream().map(this::name).toList();
  }

  /**
   * @param n a node
   * @return it with its inputs and outputs renamed and its subgraphs renamed in place
   */
  Node node(Node n) {
    n.subgraphs().forEach(this::graph);
    return new Node(n.name(), n.opType(), n.domain(), names(n.inputs()), names(n.outputs()),
        n.attributes());
  }

  /** Renames everything in a graph, in place. */
  void graph(Graph g) {
    rename(g.inputs());
    rename(g.outputs());
    for (ListIterator<Node> it = g.nodes().listIterator(); it.hasNext(); ) {
      it.set(node(it.next()));
    }
    Map<String, Tensor> values = new LinkedHashMap<>(g.initializers());
    g.initializers().clear();
    values.forEach((k, v) -> g.initializers().put(name(k), v));
    Map<String, ValueType> types = new LinkedHashMap<>(g.valueTypes());
    g.valueTypes().clear();
    types.forEach((k, v) -> g.valueTypes().put(name(k), v));
  }

  private void rename(List<ValueInfo> values) {
    values.replaceAll(v -> new ValueInfo(name(v.name()), v.type()));
  }
}
