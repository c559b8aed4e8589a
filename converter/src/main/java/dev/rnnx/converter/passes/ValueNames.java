package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Names in graphs: what a subgraph reads from outside, fresh names for new values, and names
 * for nodes made on behalf of others.
 */
final class ValueNames {
  private final Set<String> taken;

  private ValueNames(Set<String> taken) {
    this.taken = taken;
  }

  /**
   * @param graph a graph
   * @return a generator of names unused anywhere in it, its subgraphs included
   */
  static ValueNames of(Graph graph) {
    return outside(graph, null);
  }

  /**
   * @param graph a graph
   * @param skipped a node whose subgraphs do not count (one about to be replaced), or null
   * @return a generator of names unused anywhere in the graph but in those subgraphs
   */
  static ValueNames outside(Graph graph, Node skipped) {
    Set<String> taken = new HashSet<>();
    collect(graph, taken, skipped);
    return new ValueNames(taken);
  }

  /**
   * @param base the name to start from
   * @return {@code base} if unused, else {@code base_1}, {@code base_2}, ...; reserved from now on
   */
  String fresh(String base) {
    String name = base;
    for (int k = 1; !taken.add(name); k++) {
      name = base + "_" + k;
    }
    return name;
  }

  /**
   * @param owner the name of the node a new node is made for (may be empty)
   * @param part what the new node does or was called
   * @return {@code owner/part}, or whichever of the two is not empty
   */
  static String nodeName(String owner, String part) {
    return owner.isEmpty() ? part : part.isEmpty() ? owner : owner + "/" + part;
  }

  private static void collect(Graph g, Set<String> names, Node skipped) {
    g.inputs().forEach(v -> names.add(v.name()));
    g.outputs().forEach(v -> names.add(v.name()));
    names.addAll(g.initializers().keySet());
    names.addAll(g.valueTypes().keySet());
    for (Node n : g.nodes()) {
      names.addAll(n.inputs());
      names.addAll(n.outputs());
      if (n != skipped) {
        n.subgraphs().forEach(sub -> collect(sub, names, skipped));
      }
    }
    names.remove("");
  }

  /**
   * @param n a node
   * @return every value it reads: its inputs and its subgraphs' free names
   */
  static Set<String> reads(Node n) {
    Set<String> reads = new LinkedHashSet<>();
    n.inputs().stream().filter(i -> !i.isEmpty()).forEach(reads::add);
    n.subgraphs().forEach(sub -> reads.addAll(sub.outerReads()));
    return reads;
  }
}
