package dev.rnnx.converter.onnx;

import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.FunctionProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Replaces every call of a model-local function by the function's body: formal inputs and
 * outputs become the call's actual values, the body's own values get fresh names, attribute
 * references ({@code ref_attr_name}) take the call's attributes or the function's defaults, and
 * the function's operator set imports join the model's.
 */
final class FunctionInliner {
  private static final int MAX_DEPTH = 32;

  private final Map<String, FunctionProto> functions = new HashMap<>(); // "domain/name/overload"
  private final Map<String, Long> opsets;
  private final Set<String> usedNames = new HashSet<>();
  private int counter;

  FunctionInliner(List<FunctionProto> list, Map<String, Long> modelOpsets) {
    this.opsets = new LinkedHashMap<>(modelOpsets);
    for (FunctionProto f : list) {
      String key = key(OnnxReader.normalizeDomain(f.getDomain()), f.getName(), f.getOverload());
      if (functions.put(key, f) != null) {
        throw new ModelFormatException("function '" + f.getName() + "' is defined twice");
      }
    }
  }

  private static String key(String domain, String name, String overload) {
    return domain + "/" + name + "/" + overload;
  }

  /** @return the model's opsets plus those the inlined functions import */
  Map<String, Long> opsets() {
    return opsets;
  }

  GraphProto inline(GraphProto graph) {
    if (functions.isEmpty()) {
      return graph;
    }
    collectNames(graph);
    return inlineGraph(graph, 0);
  }

  private void collectNames(GraphProto g) {
    g.getInputList().forEach(v -> usedNames.add(v.getName()));
    g.getOutputList().forEach(v -> usedNames.add(v.getName()));
    g.getInitializerList().forEach(t -> usedNames.add(t.getName()));
    for (NodeProto n : g.getNodeList()) {
      usedNames.addAll(n.getInputList());
      usedNames.addAll(n.getOutputList());
      n.getAttributeList().forEach(a -> {
        if (a.hasG()) {
          collectNames(a.getG());
        }
        a.getGraphsList().forEach(this::collectNames);
      });
    }
  }

  private GraphProto inlineGraph(GraphProto g, int depth) {
    GraphProto.Builder b = g.toBuilder().clearNode();
    for (NodeProto n : g.getNodeList()) {
      b.addAllNode(inlineNode(n, depth));
    }
    return b.build();
  }

  private List<NodeProto> inlineNode(NodeProto n, int depth) {
    NodeProto withSubgraphs = mapSubgraphs(n, sub -> inlineGraph(sub, depth));
    FunctionProto f = functions.get(
        key(OnnxReader.normalizeDomain(n.getDomain()), n.getOpType(), n.getOverload()));
    if (f == null) {
      return List.of(withSubgraphs);
    }
    if (depth >= MAX_DEPTH) {
      throw new ModelFormatException("function '" + f.getName() + "' calls itself or nests"
          + " deeper than " + MAX_DEPTH);
    }
    for (Map.Entry<String, Long> e : OnnxReader.opsets(f.getOpsetImportList(),
        "function '" + f.getName() + "'").entrySet()) {
      opsets.putIfAbsent(e.getKey(), e.getValue());
    }
    Map<String, String> rename = new HashMap<>();
    for (int i = 0; i < f.getInputCount(); i++) {
      rename.put(f.getInput(i), i < n.getInputCount() ? n.getInput(i) : "");
    }
    for (int i = 0; i < f.getOutputCount(); i++) {
      rename.put(f.getOutput(i), i < n.getOutputCount() ? n.getOutput(i) : "");
    }
    String prefix = freshPrefix(f.getName());
    UnaryOperator<String> names = v -> v.isEmpty() ? v
        : rename.computeIfAbsent(v, k -> prefix + k);
    Map<String, AttributeProto> actual = new HashMap<>();
    f.getAttributeProtoList().forEach(a -> actual.put(a.getName(), a));
    n.getAttributeList().forEach(a -> actual.put(a.getName(), a));
    List<NodeProto> body = f.getNodeList().stream()
        .map(inner -> substitute(inner, names, actual, prefix))
        .toList();
    return body.stream().flatMap(inner -> inlineNode(inner, depth + 1).stream()).toList();
  }

  private String freshPrefix(String function) {
    String prefix;
    do {
      prefix = "_" + function + "_" + (counter++) + "_";
    } while (usedNames.contains(prefix));
    usedNames.add(prefix);
    return prefix;
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
