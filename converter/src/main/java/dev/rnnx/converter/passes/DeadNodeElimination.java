package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

/**
 * Removes what no graph output depends on: nodes none of whose outputs is needed (a value read
 * by a subgraph from its enclosing graph counts as needed), initializers that are neither
 * graph inputs nor read, and {@link Graph#valueTypes()} entries of values no node produces.
 * Subgraphs of the nodes that stay are cleaned the same way, against their own outputs; their
 * inputs and outputs are left as they are, since the enclosing operator fixes them.
 */
public final class DeadNodeElimination implements GraphPass {
  /** Creates the pass. */
  public DeadNodeElimination() {}

  @Override
  public String name() {
    return "dead-node-elimination";
  }

  @Override
  public IrModel apply(IrModel model) {
    prune(model.graph());
    return model;
  }

  private static void prune(Graph g) {
    Set<String> needed = new HashSet<>();
    g.outputs().forEach(v -> needed.add(v.name()));
    List<Node> nodes = g.nodes();
    // Walk backwards: in a topological order every consumer comes after its producers.
    for (ListIterator<Node> it = nodes.listIterator(nodes.size()); it.hasPrevious(); ) {
      Node n = it.previous();
      if (n.outputs().stream().anyMatch(needed::contains)) {
        n.subgraphs().forEach(DeadNodeElimination::prune); // first, so dead reads don't count
        needed.addAll(ValueNames.reads(n));
      } else {
        it.remove();
      }
    }
    Set<String> inputs = new HashSet<>();
    g.inputs().stream().map(ValueInfo::name).forEach(inputs::add);
    g.initializers().keySet().removeIf(k -> !needed.contains(k) && !inputs.contains(k));
    Set<String> produced = new HashSet<>();
    nodes.forEach(n -> produced.addAll(n.outputs()));
    g.valueTypes().keySet().removeIf(k -> !produced.contains(k));
  }
}
