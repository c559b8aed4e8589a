package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A node to evaluate and its constant inputs. */
final class FoldContext {
  private final Node node;
  private final long version;
  private final List<Tensor> inputs;
  private final Function<String, Optional<ValueType>> types;
  private final long maxElements;

  /**
   * @param node the node
   * @param version its operator's version in effect
   * @param inputs its inputs' values by position, null where absent (or, for Shape and Size,
   *     not constant)
   * @param types what is known of value types (Shape and Size read their input's shape)
   * @param maxElements the most elements one result may have
   */
  FoldContext(Node node, long version, List<Tensor> inputs,
      Function<String, Optional<ValueType>> types, long maxElements) {
    this.node = node;
    this.version = version;
    this.inputs = inputs;
    this.types = types;
    this.maxElements = maxElements;
  }

  /** @return the node */
  Node node() {
    return node;
  }

  /** @return the operator version in effect */
  long version() {
    return version;
  }

  /** @return how many inputs the node lists */
  int inputCount() {
    return inputs.size();
  }

  /** @return true when input {@code i} is given */
  boolean has(int i) {
    return i < inputs.size() && inputs.get(i) != null;
  }

  /** @return the value of input {@code i} */
  Tensor input(int i) {
    if (!has(i)) {
      throw new NotFoldable("input " + i + " is not a constant");
    }
    return inputs.get(i);
  }

  /** @return the value of input {@code i} as integers */
  long[] longs(int i) {
    return input(i).toLongArray();
  }

  /** @return the type recorded for input {@code i}'s value */
  Optional<ValueType> inputType(int i) {
    return node.input(i).flatMap(types);
  }

  /**
   * Checks a result's size before it is computed.
   *
   * @param shape the result's shape
   * @return the shape
   * @throws NotFoldable when the result would be over the cap
   */
  long[] checkSize(long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dim in shape " + Arrays.toString(shape));
      }
    }
    if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
      return shape;
    }
    long count = 1;
    for (long d : shape) {
      if (count > maxElements / d) {
        throw new NotFoldable("a result of shape " + Arrays.toString(shape) + " is over the cap");
      }
      count *= d;
    }
    return shape;
  }
}
