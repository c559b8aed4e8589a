package dev.rnnx.runtime.backend.ort;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every named node a name of its own. ONNX Runtime refuses a graph in which two nodes
 * share a non-empty name, which passes that inline subgraphs can produce; node names carry no
 * meaning, so a repeated one becomes {@code name_1}, {@code name_2}, ... (empty names stay).
 */
final class NodeNames {
  private NodeNames() {}

  /**
   * @param model a model
   * @return the model itself when its node names are distinct already, else a copy in which
   *     they are
   */
  static IrModel distinct(IrModel model) {
    if (allDistinct(model.graph(), new HashSet<>())) {
      return model;
    }
    IrModel copy = model.copy();
    rename(copy.graph(), new HashSet<>());
    return copy;
  }

  private static boolean allDistinct(Graph g, Set<String> seen) {
    for (Node n : g.nodes()) {
      if (!n.name().isEmpty() && !seen.add(n.name())) {
        return false;
      }
      for (Graph sub : n.subgraphs()) {
        if (!allDistinct(sub, seen)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void rename(Graph g, Set<String> taken) {
    List<Node> nodes = g.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      n.subgraphs().forEach(sub -> rename(sub, taken));
      if (n.name().isEmpty() || taken.add(n.name())) {
        continue;
      }
      String name = n.name();
      for (int k = 1; !taken.add(name); k++) {
        name = n.name() + "_" + k;
      }
      nodes.set(i, new Node(name, n.opType(), n.domain(), n.inputs(), n.outputs(),
          n.attributes()));
    }
  }
}
