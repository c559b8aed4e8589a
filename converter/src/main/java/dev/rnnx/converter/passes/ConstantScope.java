package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The constants visible in one graph: its own and, through the parent, those of the graphs
 * around it (a subgraph may read values of enclosing graphs by name).
 */
final class ConstantScope {
  private final ConstantScope parent;
  private final Graph graph;
  private final Map<String, Tensor> values = new HashMap<>();

  private ConstantScope(ConstantScope parent, Graph graph) {
    this.parent = parent;
    this.graph = graph;
  }

  /**
   * @param main the main graph
   * @return its scope: the initializers that are not graph inputs
   */
  static ConstantScope of(Graph main) {
    ConstantScope s = new ConstantScope(null, main);
    main.initializers().forEach(s.values::put);
    main.inputs().stream().map(ValueInfo::name).forEach(s.values::remove);
    return s;
  }

  /**
   * @param sub a subgraph of this scope's graph
   * @return its scope: every subgraph initializer is a constant
   */
  ConstantScope child(Graph sub) {
    ConstantScope s = new ConstantScope(this, sub);
    s.values.putAll(sub.initializers());
    return s;
  }

  /** @return the graph this scope belongs to */
  Graph graph() {
    return graph;
  }

  /**
   * @param name a value name
   * @return its constant value, or null when it is not (known to be) constant
   */
  Tensor get(String name) {
    for (ConstantScope s = this; s != null; s = s.parent) {
      Tensor t = s.values.get(name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** Records a value of this scope's graph as constant. */
  void put(String name, Tensor value) {
    values.put(name, value);
  }

  /**
   * @param name a value name
   * @return what this graph or an enclosing one records of its type
   */
  Optional<ValueType> typeOf(String name) {
    for (ConstantScope s = this; s != null; s = s.parent) {
      Optional<ValueType> t = s.graph.typeOf(name);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }
}
