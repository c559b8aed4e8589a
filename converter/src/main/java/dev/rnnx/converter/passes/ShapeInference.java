package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OperatorSets;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the element type and shape of every value it can tell: node outputs go to
 * {@link Graph#valueTypes()}, graph outputs get their {@link ValueInfo} refined, subgraphs
 * (If branches, Loop and Scan bodies) are inferred too, their inputs typed from what the node
 * feeds them and their nodes seeing the types of the enclosing graphs.
 *
 * <p>Dims are fixed, symbolic (following the model's own symbols through the ops) or unknown
 * where the result depends on data that is not constant. What inference finds is combined with
 * what the model declares, the more precise winning; declared and inferred types that
 * contradict each other (element types, ranks or fixed dims) are a
 * {@link dev.rnnx.converter.onnx.ModelFormatException} naming the node. Operators it does not
 * know, and those of other domains, keep their declared output types.
 */
public final class ShapeInference implements GraphPass {
  /** Creates the pass. */
  public ShapeInference() {}

  @Override
  public String name() {
    return "shape-inference";
  }

  @Override
  public IrModel apply(IrModel model) {
    Run run = new Run(model.opsets());
    run.infer(model.graph(), null, null).commit();
    return model;
  }

  /** One inference over a model. */
  private static final class Run {
    private final Map<String, Long> opsets;

    Run(Map<String, Long> opsets) {
      this.opsets = opsets;
    }

    /**
     * @param g a graph
     * @param parent the enclosing scope, null for the main graph
     * @param fed the types fed to a subgraph's inputs, null for the main graph
     */
    Result infer(Graph g, TypeScope parent, List<ValueType> fed) {
      TypeScope scope = new TypeScope(parent);
      Result r = new Result(g, scope);
      for (int i = 0; i < g.inputs().size(); i++) {
        ValueInfo in = g.inputs().get(i);
        ValueType t = in.type();
        if (fed != null && i < fed.size()) {
          try {
            t = TypeMerge.refine(in.type(), fed.get(i));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subgraph '" + g.name() + "' input '" + in.name()
                + "' is " + e.getMessage());
          }
          r.inputTypes.put(in.name(), t);
        }
        scope.putType(in.name(), t);
      }
      g.initializers().forEach((name, value) -> {
        if (parent == null && g.input(name).isPresent()) {
          if (scope.type(name) == null) { // an overridable default: only its type is known
            scope.putType(name, typeOf(value));
          }
        } else {
          scope.putType(name, typeOf(value));
          scope.putConstant(name, value);
        }
      });
      Map<String, ValueType> declared = new HashMap<>(g.valueTypes());
      g.outputs().stream().filter(o -> o.type() != null)
          .forEach(o -> declared.putIfAbsent(o.name(), o.type()));
      for (Node n : g.nodes()) {
        NodeErrors.at(n, () -> {
          inferNode(n, scope, r, declared);
          return null;
        });
      }
      return r;
    }

    private void inferNode(Node n, TypeScope scope, Result r, Map<String, ValueType> declared) {
      boolean standard = n.domain().equals(Node.DEFAULT_DOMAIN);
      ShapeRule rule = standard ? ShapeRules.of(n.opType()) : null;
      long version = rule == null ? 0 : OperatorSets.sinceVersion(n.domain(), n.opType(),
          opsets.getOrDefault(n.domain(), 0L)).orElse(0L);
      InferenceContext c = new InferenceContext(n, version, scope,
          (body, types) -> {
            Result sub = infer(body, scope, types);
            r.subgraphs.put(body, sub); // a re-inference (Loop bodies) replaces the earlier one
            return sub.outputTypes();
          });
      List<ValueType> inferred = version == 0 ? List.of() : rule.infer(c);
      for (Graph body : n.subgraphs()) {
        if (!r.subgraphs.containsKey(body)) { // an op without a rule: still type the inside
          r.subgraphs.put(body, infer(body, scope, List.of()));
        }
      }
      for (int k = 0; k < n.outputs().size(); k++) {
        String out = n.outputs().get(k);
        if (out.isEmpty()) {
          continue;
        }
        ValueType found = k < inferred.size() ? inferred.get(k) : null;
        ValueType merged;
        try {
          merged = TypeMerge.refine(declared.get(out), found);
        } catch (IllegalArgumentException e) {
          throw c.fail("output '" + out + "' is " + e.getMessage());
        }
        scope.putType(out, merged);
        if (merged != null && !merged.equals(declared.get(out))) {
          r.types.put(out, merged);
        }
      }
      if (n.outputs().isEmpty() || n.outputs().get(0).isEmpty()) {
        return;
      }
      String first = n.outputs().get(0);
      Tensor constant = standard && n.opType().equals("Constant")
          ? ConstantAttributes.value(n) : null;
      if (constant != null) {
        scope.putConstant(first, constant);
      } else if (version != 0) {
        scope.putValues(first, SymbolicValues.propagate(c, scope.type(first)));
      }
    }

    private static ValueType typeOf(Tensor t) {
      return ValueType.tensor(t.type(), Shape.of(t.shape()));
    }
  }

  /** What inference found in one graph, written to it by {@link #commit()}. */
  private static final class Result {
    private final Graph graph;
    private final TypeScope scope;
    private final Map<String, ValueType> types = new LinkedHashMap<>();
    private final Map<String, ValueType> inputTypes = new LinkedHashMap<>();
    private final Map<Graph, Result> subgraphs = new IdentityHashMap<>();

    Result(Graph graph, TypeScope scope) {
      this.graph = graph;
      this.scope = scope;
    }

    /** @return the types of the graph's outputs as found, declared ones refined */
    List<ValueType> outputTypes() {
      List<ValueType> out = new ArrayList<>();
      for (ValueInfo o : graph.outputs()) {
        out.add(TypeMerge.refine(o.type(), scope.type(o.name())));
      }
      return out;
    }

    void commit() {
      List<ValueInfo> outputs = graph.outputs();
      types.forEach((name, type) -> {
        int i = indexOf(outputs, name);
        if (i >= 0) {
          outputs.set(i, new ValueInfo(name, type));
        } else {
          graph.valueTypes().put(name, type);
        }
      });
      List<ValueInfo> inputs = graph.inputs();
      inputTypes.forEach((name, type) -> {
        int i = indexOf(inputs, name);
        if (type != null) {
          inputs.set(i, new ValueInfo(name, type));
        }
      });
      subgraphs.values().forEach(Result::commit);
    }

    private static int indexOf(List<ValueInfo> list, String name) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
