package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.ir.ValueType.TensorType;
import dev.rnnx.converter.onnx.ModelFormatException;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;

/** What a {@link ShapeRule} may know while it infers the outputs of one node. */
final class InferenceContext {
  private final Node node;
  private final long version;
  private final TypeScope scope;
  private final SubgraphInference subgraphs;

  /** Infers a subgraph given the types of its inputs; returns the types of its outputs. */
  interface SubgraphInference {
    /**
     * @param body the subgraph
     * @param inputTypes the types the node feeds it, in input order (null where unknown)
     * @return the types of its outputs, in order (null where unknown)
     */
    List<ValueType> infer(Graph body, List<ValueType> inputTypes);
  }

  /**
   * @param node the node
   * @param version the version of its operator in effect (its since-version)
   * @param scope the types and values visible to it
   * @param subgraphs how to infer its subgraphs
   */
  InferenceContext(Node node, long version, TypeScope scope, SubgraphInference subgraphs) {
    this.node = node;
    this.version = version;
    this.scope = scope;
    this.subgraphs = subgraphs;
  }

  /** @return the node */
  Node node() {
    return node;
  }

  /** @return the operator version in effect, e.g. 13 for Unsqueeze at opset 17 */
  long version() {
    return version;
  }

  /** @return how many inputs the node lists (left-out optional ones included) */
  int inputCount() {
    return node.inputs().size();
  }

  /** @return true when input {@code i} is given */
  boolean has(int i) {
    return node.input(i).isPresent();
  }

  /** @return the type of input {@code i}, or null when absent or unknown */
  ValueType type(int i) {
    return node.input(i).map(scope::type).orElse(null);
  }

  /** @return the tensor type of input {@code i}, or null when absent, unknown or no tensor */
  TensorType tensor(int i) {
    return type(i) instanceof TensorType t ? t : null;
  }

  /** @return the element type of input {@code i}, or null when unknown */
  ElementType elem(int i) {
    TensorType t = tensor(i);
    return t == null ? null : t.elementType();
  }

  /** @return the dims of input {@code i}, or null when its rank is unknown */
  List<Dim> dims(int i) {
    return Dims.of(tensor(i));
  }

  /** @return the value of input {@code i} when it is a known constant, else null */
  Tensor constant(int i) {
    return node.input(i).map(scope::constant).orElse(null);
  }

  /** @return the symbolic elements of input {@code i} when known, else null */
  List<Dim> values(int i) {
    return node.input(i).map(scope::values).orElse(null);
  }

  /** @return the elements of input {@code i} when all are known integers, else null */
  long[] longs(int i) {
    return SymbolicValues.allFixed(values(i));
  }

  /**
   * @param body one of the node's subgraphs
   * @param inputTypes what the node feeds it
   * @return the types of its outputs
   */
  List<ValueType> subgraph(Graph body, List<ValueType> inputTypes) {
    return subgraphs.infer(body, inputTypes);
  }

  /** @return the first element type known among the given inputs, or null */
  ElementType firstElem(int... inputs) {
    for (int i : inputs) {
      if (elem(i) != null) {
        return elem(i);
      }
    }
    return null;
  }

  /**
   * @param message what is wrong
   * @return an exception naming the node, to throw
   */
  ModelFormatException fail(String message) {
    return NodeErrors.format(node, message);
  }
}
