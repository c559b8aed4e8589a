package dev.rnnx.converter.onnx;

import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.FunctionProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Replaces every call of a model-local function by the function's body: formal inputs and
 * outputs become the call's actual values, the body's own values get fresh names, attribute
 * references ({@code ref_attr_name}) take the call's attributes or the function's defaults, and
 * the function's operator set imports join the model's. Recursive functions, call chains deeper
 * than {@link #MAX_CALL_DEPTH} and expansions beyond {@link #MAX_NODES} nodes are refused before
 * anything is inlined.
 */
final class FunctionInliner {
  /** Most nodes inlining may produce: functions calling functions grow exponentially. */
  static final long MAX_NODES = 1_000_000;
  /** Longest chain of function calls. */
  static final int MAX_CALL_DEPTH = 64;

  /** What a call names: domain, operator and overload. */
  private record Key(String domain, String name, String overload) {
    static Key of(NodeProto n) {
      return new Key(OnnxReader.normalizeDomain(n.getDomain()), n.getOpType(), n.getOverload());
    }

    /** @return e.g. {@code custom.Act}, or {@code custom.Act:v2} for an overload */
    @Override
    public String toString() {
      return domain + "." + name + (overload.isEmpty() ? "" : ":" + overload);
    }
  }

  private final Map<Key, FunctionProto> functions = new LinkedHashMap<>();
  private final Map<Key, Long> expandedSize = new HashMap<>(); // nodes a call expands to
  private final Map<String, Long> opsets;
  private final Set<String> usedNames = new HashSet<>();
  private int counter;

  FunctionInliner(List<FunctionProto> list, Map<String, Long> modelOpsets) {
    this.opsets = new LinkedHashMap<>(modelOpsets);
    for (FunctionProto f : list) {
      Key key = new Key(OnnxReader.normalizeDomain(f.getDomain()), f.getName(), f.getOverload());
      if (functions.put(key, f) != null) {
        throw new ModelFormatException("function '" + key + "' is defined twice");
      }
      checkAttributeReferences(f, key);
    }
    for (Key key : functions.keySet()) {
      size(key, new ArrayDeque<>());
    }
  }

  /** @return the function a node calls, or null for an operator */
  private Key callee(NodeProto n) {
    Key key = Key.of(n);
    return functions.containsKey(key) ? key : null;
  }

  /** @return the model's opsets plus those the inlined functions import */
  Map<String, Long> opsets() {
    return opsets;
  }

  /**
   * @param graph the main graph
   * @return the graph with every call inlined, in subgraphs too
   */
  GraphProto inline(GraphProto graph) {
    if (functions.isEmpty()) {
      return graph;
    }
    long nodes = nodeCount(graph, new ArrayDeque<>());
    if (nodes > MAX_NODES) {
      throw new ModelFormatException("inlining the model's functions would give more than "
          + MAX_NODES + " nodes");
    }
    collectNames(graph);
    return inlineGraph(graph);
  }

  /** Refuses references to attributes a function does not declare. */
  private static void checkAttributeReferences(FunctionProto f, Key key) {
    Set<String> declared = new HashSet<>(f.getAttributeList());
    f.getAttributeProtoList().forEach(a -> declared.add(a.getName()));
    Deque<NodeProto> pending = new ArrayDeque<>(f.getNodeList());
    while (!pending.isEmpty()) {
      NodeProto n = pending.poll();
      for (AttributeProto a : n.getAttributeList()) {
        if (!a.getRefAttrName().isEmpty() && !declared.contains(a.getRefAttrName())) {
          throw new ModelFormatException("function '" + key + "', node "
              + OnnxReader.describe(n) + ", attribute '" + a.getName() + "': refers to '"
              + a.getRefAttrName() + "', which the function does not declare");
        }
        subgraphs(a).forEach(g -> pending.addAll(g.getNodeList()));
      }
    }
  }

  private static List<GraphProto> subgraphs(AttributeProto a) {
    List<GraphProto> all = new ArrayList<>(a.getGraphsList());
    if (a.hasG()) {
      all.add(0, a.getG());
    }
    return all;
  }

  /**
   * The nodes one call of a function expands to, memoized; refuses recursion and deep chains.
   *
   * @param calls the chain of functions being expanded, innermost last
   */
  private long size(Key key, Deque<Key> calls) {
    Long known = expandedSize.get(key);
    if (known != null) {
      return known;
    }
    if (calls.contains(key)) {
      List<Key> chain = new ArrayList<>(calls);
      String cycle = chain.subList(chain.indexOf(key), chain.size()).stream()
          .map(k -> k + " -> ").collect(Collectors.joining());
      throw new ModelFormatException("function '" + key + "' calls itself (" + cycle + key + ")");
    }
    if (calls.size() >= MAX_CALL_DEPTH) {
      throw new ModelFormatException("function calls nest deeper than " + MAX_CALL_DEPTH
          + " (from '" + calls.peekFirst() + "')");
    }
    calls.addLast(key);
    long n = 0;
    for (NodeProto node : functions.get(key).getNodeList()) {
      n = saturatedAdd(n, nodeSize(node, calls));
    }
    calls.removeLast();
    expandedSize.put(key, n);
    return n;
  }

  private long nodeSize(NodeProto node, Deque<Key> calls) {
    Key callee = callee(node);
    long n = callee == null ? 1 : size(callee, calls);
    for (AttributeProto a : node.getAttributeList()) {
      for (GraphProto g : subgraphs(a)) {
        n = saturatedAdd(n, nodeCount(g, calls));
      }
    }
    return n;
  }

  private long nodeCount(GraphProto g, Deque<Key> calls) {
    long n = 0;
    for (NodeProto node : g.getNodeList()) {
      n = saturatedAdd(n, nodeSize(node, calls));
    }
    return n;
  }

  private static long saturatedAdd(long a, long b) {
    return Math.min(a + b, MAX_NODES + 1); // each term is at most MAX_NODES + 1: no overflow
  }

  private void collectNames(GraphProto g) {
    g.getInputList().forEach(v -> usedNames.add(v.getName()));
    g.getOutputList().forEach(v -> usedNames.add(v.getName()));
    g.getInitializerList().forEach(t -> usedNames.add(t.getName()));
    for (NodeProto n : g.getNodeList()) {
      usedNames.addAll(n.getInputList());
      usedNames.addAll(n.getOutputList());
      n.getAttributeList().forEach(a -> subgraphs(a).forEach(this::collectNames));
    }
  }

  private GraphProto inlineGraph(GraphProto g) {
    GraphProto.Builder b = g.toBuilder().clearNode();
    for (NodeProto n : g.getNodeList()) {
      b.addAllNode(inlineNode(n));
    }
    return b.build();
  }

  private List<NodeProto> inlineNode(NodeProto n) {
    NodeProto withSubgraphs = mapSubgraphs(n, this::inlineGraph);
    Key key = callee(n);
    if (key == null) {
      return List.of(withSubgraphs);
    }
    FunctionProto f = functions.get(key);
    checkCall(n, f, key);
    for (Map.Entry<String, Long> e : OnnxReader.opsets(f.getOpsetImportList(),
        "function '" + key + "'").entrySet()) {
      opsets.putIfAbsent(e.getKey(), e.getValue());
    }
    Map<String, String> rename = new HashMap<>();
    for (int i = 0; i < f.getInputCount(); i++) {
      rename.put(f.getInput(i), i < n.getInputCount() ? n.getInput(i) : "");
    }
    for (int i = 0; i < f.getOutputCount(); i++) {
      rename.put(f.getOutput(i), i < n.getOutputCount() ? n.getOutput(i) : "");
    }
    String prefix = "_" + f.getName() + "_" + (counter++) + "_";
    UnaryOperator<String> names = v -> v.isEmpty() ? v
        : rename.computeIfAbsent(v, k -> freshName(prefix + k));
    Map<String, AttributeProto> actual = new HashMap<>();
    f.getAttributeProtoList().forEach(a -> actual.put(a.getName(), a));
    n.getAttributeList().forEach(a -> actual.put(a.getName(), a));
    List<NodeProto> inlined = new ArrayList<>();
    for (NodeProto inner : f.getNodeList()) {
      inlined.addAll(inlineNode(substitute(inner, names, actual, prefix)));
    }
    return inlined;
  }

  /** A call passes at most the function's inputs and outputs, and references no attribute. */
  private static void checkCall(NodeProto n, FunctionProto f, Key key) {
    String call = "node " + OnnxReader.describe(n);
    if (n.getInputCount() > f.getInputCount()) {
      throw new ModelFormatException(call + ": passes " + n.getInputCount()
          + " inputs to function '" + key + "', which takes " + f.getInputCount());
    }
    if (n.getOutputCount() > f.getOutputCount()) {
      throw new ModelFormatException(call + ": expects " + n.getOutputCount()
          + " outputs from function '" + key + "', which gives " + f.getOutputCount());
    }
    // calls inside function bodies had their references resolved: this one is outside any
    for (AttributeProto a : n.getAttributeList()) {
      if (!a.getRefAttrName().isEmpty()) {
        throw new ModelFormatException(call + ", attribute '" + a.getName()
            + "': refers to function attribute '" + a.getRefAttrName() + "' outside any function");
      }
    }
  }

  /** @return {@code name}, or a variant of it, not used anywhere in the model yet */
  private String freshName(String name) {
    String candidate = name;
    for (int i = 1; !usedNames.add(candidate); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }

  private NodeProto substitute(NodeProto inner, UnaryOperator<String> names,
      Map<String, AttributeProto> actual, String prefix) {
    NodeProto.Builder b = inner.toBuilder().clearInput().clearOutput().clearAttribute();
    inner.getInputList().forEach(v -> b.addInput(names.apply(v)));
    inner.getOutputList().forEach(v -> b.addOutput(names.apply(v)));
    b.setName(prefix + inner.getName());
    for (AttributeProto a : inner.getAttributeList()) {
      if (!a.getRefAttrName().isEmpty()) {
        AttributeProto given = actual.get(a.getRefAttrName());
        if (given != null) {
          b.addAttribute(given.toBuilder().setName(a.getName()).clearRefAttrName());
        }
      } else if (a.hasG() || a.getGraphsCount() > 0) {
        AttributeProto.Builder ab = a.toBuilder();
        if (a.hasG()) {
          ab.setG(renameGraph(a.getG(), names, actual, prefix));
        }
        ab.clearGraphs();
        a.getGraphsList().forEach(g -> ab.addGraphs(renameGraph(g, names, actual, prefix)));
        b.addAttribute(ab);
      } else {
        b.addAttribute(a);
      }
    }
    return b.build();
  }

  /** Renames a subgraph of a function body uniformly, so its outer-scope references follow. */
  private GraphProto renameGraph(GraphProto g, UnaryOperator<String> names,
      Map<String, AttributeProto> actual, String prefix) {
    GraphProto.Builder b = g.toBuilder().clearNode().clearInput().clearOutput()
        .clearInitializer().clearValueInfo();
    for (ValueInfoProto v : g.getInputList()) {
      b.addInput(v.toBuilder().setName(names.apply(v.getName())));
    }
    for (ValueInfoProto v : g.getOutputList()) {
      b.addOutput(v.toBuilder().setName(names.apply(v.getName())));
    }
    for (ValueInfoProto v : g.getValueInfoList()) {
      b.addValueInfo(v.toBuilder().setName(names.apply(v.getName())));
    }
    for (TensorProto t : g.getInitializerList()) {
      b.addInitializer(t.toBuilder().setName(names.apply(t.getName())));
    }
    for (NodeProto n : g.getNodeList()) {
      b.addNode(substitute(n, names, actual, prefix));
    }
    return b.build();
  }

  private static NodeProto mapSubgraphs(NodeProto n, UnaryOperator<GraphProto> f) {
    boolean any = n.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0);
    if (!any) {
      return n;
    }
    NodeProto.Builder b = n.toBuilder().clearAttribute();
    for (AttributeProto a : n.getAttributeList()) {
      AttributeProto.Builder ab = a.toBuilder();
      if (a.hasG()) {
        ab.setG(f.apply(a.getG()));
      }
      ab.clearGraphs();
      a.getGraphsList().forEach(g -> ab.addGraphs(f.apply(g)));
      b.addAttribute(ab);
    }
    return b.build();
  }
}
