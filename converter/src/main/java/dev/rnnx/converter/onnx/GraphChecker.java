package dev.rnnx.converter.onnx;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a graph and its subgraphs: every value has exactly one producer (a subgraph's node
 * outputs also differ from every outer name it sees), every node input and graph output is
 * produced (here or in an enclosing graph), every operator is defined in its domain at the
 * imported opset, and the nodes form no cycle. Nodes out of order are sorted. Messages name the
 * node, by position when it has no name, and the enclosing nodes of subgraphs.
 */
public final class GraphChecker {
  private final Map<String, Long> opsets;
  private final Map<Node, Integer> positions = new IdentityHashMap<>(); // in its graph, as read

  /** @param opsets the model's operator set versions by domain */
  public GraphChecker(Map<String, Long> opsets) {
    this.opsets = opsets;
  }

  /**
   * Checks the main graph; sorts its nodes (and its subgraphs' nodes) topologically.
   *
   * @param graph the graph
   * @throws ModelFormatException naming the node and what is wrong
   */
  public void check(Graph graph) {
    check(graph, Set.of());
  }

  private void check(Graph graph, Set<String> outer) {
    String scope = "graph '" + graph.name() + "'";
    for (int i = 0; i < graph.nodes().size(); i++) {
      positions.put(graph.nodes().get(i), i);
    }
    Map<String, String> defined = new HashMap<>(); // graph inputs and initializers, described
    for (ValueInfo in : graph.inputs()) {
      if (defined.put(in.name(), "graph input '" + in.name() + "'") != null) {
        throw new ModelFormatException(scope + " has two inputs named '" + in.name() + "'");
      }
    }
    graph.initializers().keySet().forEach(k -> defined.putIfAbsent(k, "initializer '" + k + "'"));
    Map<String, Node> producer = new HashMap<>();
    for (Node n : graph.nodes()) {
      checkOperator(n);
      for (String out : n.outputs()) {
        if (out.isEmpty()) {
          continue;
        }
        // IR.md: a subgraph's node outputs must also differ from the outer names it can see
        String clash = producer.containsKey(out)
            ? "produced by " + describe(producer.get(out))
            : defined.containsKey(out) ? "produced by " + defined.get(out)
            : outer.contains(out) ? "defined in an enclosing graph" : null;
        if (clash != null) {
          throw new ModelFormatException(describe(n) + ": output '" + out
              + "' is already " + clash + " (two producers of one name)");
        }
        producer.put(out, n);
      }
    }
    Set<String> visible = new HashSet<>(outer);
    visible.addAll(defined.keySet());
    visible.addAll(producer.keySet());
    Map<Node, Set<String>> reads = new IdentityHashMap<>();
    for (Node n : graph.nodes()) {
      Set<String> needs = new LinkedHashSet<>();
      for (String in : n.inputs()) {
        if (in.isEmpty()) {
          continue;
        }
        if (!visible.contains(in)) {
          throw new ModelFormatException(describe(n) + ": input '" + in
              + "' is produced by no node, initializer or graph input");
        }
        needs.add(in);
      }
      for (Graph sub : n.subgraphs()) {
        try {
          check(sub, visible);
        } catch (ModelFormatException e) {
          throw new ModelFormatException(describe(n) + ", subgraph '" + sub.name()
              + "': " + e.getMessage(), e);
        }
        needs.addAll(sub.outerReads());
      }
      needs.retainAll(producer.keySet());
      reads.put(n, needs);
    }
    for (ValueInfo out : graph.outputs()) {
      if (!visible.contains(out.name())) {
        throw new ModelFormatException(scope + ": output '" + out.name()
            + "' is produced by no node, initializer or graph input");
      }
    }
    sort(graph, producer, reads);
  }

  /** @return e.g. {@code node 'lstm1' (LSTM)}, or {@code node #3 '' (Relu)} when unnamed */
  private String describe(Node n) {
    return "node " + (n.name().isEmpty() ? "#" + positions.get(n) + " " : "") + n.describe();
  }

  private void checkOperator(Node n) {
    Long opset = opsets.get(n.domain());
    if (opset == null) {
      throw new ModelFormatException(describe(n) + ": domain '" + n.domain()
          + "' is not imported by the model (imported: " + opsets.keySet() + ")");
    }
    if (OperatorSets.describes(n.domain())
        && OperatorSets.sinceVersion(n.domain(), n.opType(), opset).isEmpty()) {
      var versions = OperatorSets.versions(n.domain(), n.opType());
      throw new ModelFormatException(describe(n) + ": operator " + n.opType()
          + " is unknown in domain '" + n.domain() + "' at opset " + opset
          + (versions.isEmpty() ? "" : " (it is defined from opset " + versions.iterator().next()
              + ")"));
    }
  }

  private void sort(Graph graph, Map<String, Node> producer, Map<Node, Set<String>> reads) {
    List<Node> nodes = graph.nodes();
    Map<Node, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
    }
    boolean ordered = true;
    for (Node n : nodes) {
      for (String in : reads.get(n)) {
        if (index.get(producer.get(in)) >= index.get(n)) {
          ordered = false;
        }
      }
    }
    if (ordered) {
      return;
    }
    int[] pending = new int[nodes.size()];
    Map<Node, List<Node>> consumers = new IdentityHashMap<>();
    for (Node n : nodes) {
      Set<Node> deps = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      reads.get(n).forEach(v -> deps.add(producer.get(v)));
      pending[index.get(n)] = deps.size();
      deps.forEach(d -> consumers.computeIfAbsent(d, k -> new ArrayList<>()).add(n));
    }
    Deque<Node> ready = new ArrayDeque<>();
    for (Node n : nodes) {
      if (pending[index.get(n)] == 0) {
        ready.add(n);
      }
    }
    List<Node> sorted = new ArrayList<>();
    while (!ready.isEmpty()) {
      Node n = ready.poll();
      sorted.add(n);
      for (Node c : consumers.getOrDefault(n, List.of())) {
        if (--pending[index.get(c)] == 0) {
          ready.add(c);
        }
      }
    }
    if (sorted.size() < nodes.size()) {
      List<String> cycle = nodes.stream().filter(n -> pending[index.get(n)] > 0)
          .map(this::describe).limit(8).toList();
      throw new ModelFormatException("graph '" + graph.name() + "' has a cycle through "
          + String.join(", ", cycle));
    }
    nodes.clear();
    nodes.addAll(sorted);
  }
}
