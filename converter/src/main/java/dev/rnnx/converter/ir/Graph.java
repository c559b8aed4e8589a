package dev.rnnx.converter.ir;

import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A computation graph: inputs, constant initializers, topologically ordered nodes and outputs.
 * A subgraph (If/Loop/Scan body) may read values of enclosing graphs by name. Graphs are
 * mutable so that passes can rewrite them in place; {@link #copy()} gives an independent one.
 */
public final class Graph {
  private String name;
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private final Map<String, Tensor> initializers = new LinkedHashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, ValueType> valueTypes = new LinkedHashMap<>();
  private String docString = "";

  /** @param name the graph's name */
  public Graph(String name) {
    this.name = Objects.requireNonNull(name);
  }

  /** @return the graph's name */
  public String name() {
    return name;
  }

  /** @param newName the graph's new name */
  public void setName(String newName) {
    this.name = Objects.requireNonNull(newName);
  }

  /** @return the documentation string */
  public String docString() {
    return docString;
  }

  /** @param doc the documentation string */
  public void setDocString(String doc) {
    this.docString = Objects.requireNonNull(doc);
  }

  /**
   * The graph inputs, in order, mutable. For the main graph these are what callers feed; an
   * input that also has an initializer is one the caller may override.
   *
   * @return the live list
   */
  public List<ValueInfo> inputs() {
    return inputs;
  }

  /** @return the graph outputs, in order, mutable */
  public List<ValueInfo> outputs() {
    return outputs;
  }

  /** @return the initializers by name, in file order, mutable */
  public Map<String, Tensor> initializers() {
    return initializers;
  }

  /** @return the nodes in topological order, mutable */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Known types of values other than inputs and outputs (ONNX's {@code value_info}).
   *
   * @return the live map
   */
  public Map<String, ValueType> valueTypes() {
    return valueTypes;
  }

  /**
   * @param value a value name
   * @return the input of that name
   */
  public Optional<ValueInfo> input(String value) {
    return inputs.stream().filter(v -> v.name().equals(value)).findFirst();
  }

  /** @return the inputs that have no initializer: what a caller must feed */
  public List<ValueInfo> requiredInputs() {
    return inputs.stream().filter(v -> !initializers.containsKey(v.name())).toList();
  }

  /**
   * What is known of a value's type in this graph (inputs, outputs, value_info, initializers).
   *
   * @param value a value name
   * @return its type, or empty
   */
  public Optional<ValueType> typeOf(String value) {
    for (ValueInfo v : inputs) {
      if (v.name().equals(value) && v.type() != null) {
        return Optional.of(v.type());
      }
    }
    Tensor init = initializers.get(value);
    if (init != null) {
      return Optional.of(ValueType.tensor(init.type(), Shape.of(init.shape())));
    }
    ValueType t = valueTypes.get(value);
    if (t != null) {
      return Optional.of(t);
    }
    for (ValueInfo v : outputs) {
      if (v.name().equals(value) && v.type() != null) {
        return Optional.of(v.type());
      }
    }
    return Optional.empty();
  }

  /** @return each value name produced by a node, mapped to that node */
  public Map<String, Node> producers() {
    Map<String, Node> map = new HashMap<>();
    for (Node n : nodes) {
      for (String o : n.outputs()) {
        if (!o.isEmpty()) {
          map.put(o, n);
        }
      }
    }
    return map;
  }

  /** @return how many node inputs and graph outputs read each value, subgraphs included */
  public Map<String, Integer> useCounts() {
    Map<String, Integer> uses = new HashMap<>();
    countUses(this, uses);
    return uses;
  }

  private static void countUses(Graph g, Map<String, Integer> uses) {
    for (Node n : g.nodes) {
      for (String i : n.inputs()) {
        if (!i.isEmpty()) {
          uses.merge(i, 1, Integer::sum);
        }
      }
      for (Graph sub : n.subgraphs()) {
        countUses(sub, uses);
      }
    }
    for (ValueInfo o : g.outputs) {
      uses.merge(o.name(), 1, Integer::sum);
    }
  }

  /**
   * The names this graph reads that it does not define itself, nested subgraphs included: for a
   * subgraph, the values of enclosing graphs it depends on.
   *
   * @return those names, in first-read order
   */
  public Set<String> outerReads() {
    Set<String> local = new HashSet<>(initializers.keySet());
    inputs.forEach(v -> local.add(v.name()));
    nodes.forEach(n -> local.addAll(n.outputs()));
    Set<String> free = new LinkedHashSet<>();
    for (Node n : nodes) {
      n.inputs().stream().filter(i -> !i.isEmpty()).forEach(free::add);
      n.subgraphs().forEach(sub -> free.addAll(sub.outerReads()));
    }
    outputs.forEach(v -> free.add(v.name()));
    free.removeAll(local);
    return free;
  }

  /** @return every node here and in nested subgraphs, depth first */
  public List<Node> allNodes() {
    List<Node> all = new ArrayList<>();
    for (Node n : nodes) {
      all.add(n);
      for (Graph sub : n.subgraphs()) {
        all.addAll(sub.allNodes());
      }
    }
    return all;
  }

  /** @return a deep copy: subgraphs are copied, tensors (immutable) shared */
  public Graph copy() {
    Graph g = new Graph(name);
    g.docString = docString;
    g.inputs.addAll(inputs);
    g.outputs.addAll(outputs);
    g.initializers.putAll(initializers);
    nodes.forEach(n -> g.nodes.add(n.deepCopy()));
    g.valueTypes.putAll(valueTypes);
    return g;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Graph g
        && g.name.equals(name)
        && g.docString.equals(docString)
        && g.inputs.equals(inputs)
        && g.outputs.equals(outputs)
        && g.initializers.equals(initializers)
        && List.copyOf(g.initializers.keySet()).equals(List.copyOf(initializers.keySet()))
        && g.nodes.equals(nodes)
        && g.valueTypes.equals(valueTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputs, outputs, nodes);
  }

  @Override
  public String toString() {
    return "graph '" + name + "' (" + inputs.size() + " inputs, " + nodes.size() + " nodes, "
        + outputs.size() + " outputs)";
  }
}
