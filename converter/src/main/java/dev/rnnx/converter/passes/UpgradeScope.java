package dev.rnnx.converter.passes;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OperatorSets;
import dev.rnnx.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link UpgradeStep} may know and make in one graph: the types and constants visible
 * there (those of enclosing graphs too), fresh value names, the target opset, and builders for
 * the nodes a step adds. New nodes are written in the form of the target opset, so they need
 * no upgrade themselves.
 */
final class UpgradeScope {
  private final UpgradeScope parent;
  private final Graph graph;
  private final ValueNames names;
  private final long target;
  private final Map<String, Tensor> constants = new HashMap<>();

  private UpgradeScope(UpgradeScope parent, Graph graph, ValueNames names, long target) {
    this.parent = parent;
    this.graph = graph;
    this.names = names;
    this.target = target;
    graph.initializers().forEach((name, value) -> {
      if (parent != null || graph.input(name).isEmpty()) { // a main-graph input may override
        constants.put(name, value);
      }
    });
    for (Node n : graph.nodes()) {
      if (n.domain().equals(Node.DEFAULT_DOMAIN) && n.opType().equals("Constant")
          && n.output(0).isPresent()) {
        Tensor value = ConstantAttributes.value(n);
        if (value != null) {
          constants.put(n.outputs().get(0), value);
        }
      }
    }
  }

  /**
   * @param main the main graph
   * @param target the opset new nodes are written for
   * @return the scope of the main graph
   */
  static UpgradeScope of(Graph main, long target) {
    return new UpgradeScope(null, main, ValueNames.of(main), target);
  }

  /** @return the scope of a subgraph of this scope's graph */
  UpgradeScope child(Graph sub) {
    return new UpgradeScope(this, sub, names, target);
  }

  /** @return the opset the model is being brought to */
  long target() {
    return target;
  }

  /** @return the version of an operator at the target opset, 0 when it is not defined there */
  long current(String op) {
    return OperatorSets.sinceVersion(Node.DEFAULT_DOMAIN, op, target).orElse(0L);
  }

  /** @return what is known of a value's type here or in an enclosing graph, or null */
  ValueType type(String value) {
    for (UpgradeScope s = this; s != null; s = s.parent) {
      ValueType t = s.graph.typeOf(value).orElse(null);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** @return a value's rank, or -1 when unknown */
  int rank(String value) {
    Tensor c = constant(value);
    if (c != null) {
      return c.rank();
    }
    return type(value) instanceof ValueType.TensorType t && t.shape() != null
        ? t.shape().rank() : -1;
  }

  /** @return a value's fixed sizes when all are known, else null */
  long[] shape(String value) {
    Tensor c = constant(value);
    if (c != null) {
      return c.shape();
    }
    if (type(value) instanceof ValueType.TensorType t && t.shape() != null
        && t.shape().isFullyKnown()) {
      return t.shape().sizes();
    }
    return null;
  }

  /** @return the constant value of a value, or null when it is not (known to be) constant */
  Tensor constant(String value) {
    for (UpgradeScope s = this; s != null; s = s.parent) {
      Tensor t = s.constants.get(value);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** @return a value name unused anywhere in the model, starting from {@code base} */
  String fresh(String base) {
    return names.fresh(base);
  }

  /**
   * @param why what keeps the node from being upgraded
   * @return the exception to throw (UNSUPPORTED)
   */
  RnnxException refuse(String why) {
    return new RnnxException(ErrorCode.UNSUPPORTED, why);
  }

  /**
   * A node added for {@code owner}, named after it.
   *
   * @param owner the node being upgraded
   * @param role what the new node does, for its name
   * @param op its operator
   * @param inputs its inputs
   * @param outputs its outputs
   * @param attributes its attributes
   * @return the node
   */
  static Node helper(Node owner, String role, String op, List<String> inputs,
      List<String> outputs, Attribute... attributes) {
    String name = owner.name().isEmpty() ? "" : owner.name() + "/" + role;
    return Node.of(name, op, inputs, outputs, List.of(attributes));
  }

  /**
   * Adds a Constant node for {@code owner}.
   *
   * @param sink where the node goes
   * @param owner the node being upgraded
   * @param role what the value is, for its name
   * @param value the value
   * @return the name of the constant
   */
  String constant(List<Node> sink, Node owner, String role, Tensor value) {
    String out = fresh(base(owner) + "_" + role);
    sink.add(helper(owner, role, "Constant", List.of(), List.of(out),
        Attribute.of("value", value)));
    return out;
  }

  /**
   * Adds a node of one output for {@code owner}.
   *
   * @param sink where the node goes
   * @param owner the node being upgraded
   * @param role what the value is, for its name
   * @param op the operator
   * @param inputs its inputs
   * @param attributes its attributes
   * @return the name of its output
   */
  String add(List<Node> sink, Node owner, String role, String op, List<String> inputs,
      Attribute... attributes) {
    String out = fresh(base(owner) + "_" + role);
    sink.add(helper(owner, role, op, inputs, List.of(out), attributes));
    return out;
  }

  /** @return a 1-D int64 constant */
  String int64s(List<Node> sink, Node owner, String role, long... values) {
    return constant(sink, owner, role, Tensor.of(values, values.length));
  }

  /**
   * A float value cast to the element type of another value (CastLike), so that the type need
   * not be known.
   */
  String floatLike(List<Node> sink, Node owner, String role, float value, String like) {
    String f = constant(sink, owner, role + "_f32", Tensor.scalar(value));
    return add(sink, owner, role, "CastLike", List.of(f, like));
  }

  /** @return the node as another operator, everything else kept */
  static Node renamed(Node n, String op) {
    return new Node(n.name(), op, n.domain(), n.inputs(), n.outputs(), n.attributes());
  }

  private static String base(Node owner) {
    return owner.outputs().isEmpty() || owner.outputs().get(0).isEmpty() ? owner.opType()
        : owner.outputs().get(0);
  }
}
