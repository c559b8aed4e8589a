package dev.rnnx.converter.onnx;

import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One input or output value of an ONNX backend test case: a tensor, a sequence of values or an
 * optional value, as ONNX stores them in {@code TensorProto}, {@code SequenceProto} and
 * {@code OptionalProto} files.
 */
public sealed interface TestValue {
  /** @return a short description for messages, e.g. {@code seq(float[2, 3], float[1, 3])} */
  String describe();

  /**
   * A tensor.
   *
   * @param tensor the tensor
   */
  record TensorValue(Tensor tensor) implements TestValue {
    /** Checks the tensor is there. */
    public TensorValue {
      Objects.requireNonNull(tensor, "tensor");
    }

    @Override
    public String describe() {
      return tensor.describe();
    }
  }

  /**
   * A sequence of values (ONNX allows tensors, sequences, maps and optionals as elements).
   *
   * @param elements the elements in order
   */
  record SequenceValue(List<TestValue> elements) implements TestValue {
    /** Copies the elements. */
    public SequenceValue {
      elements = List.copyOf(elements);
    }

    @Override
    public String describe() {
      return elements.stream().map(TestValue::describe)
          .collect(Collectors.joining(", ", "seq(", ")"));
    }
  }

  /**
   * An optional value: present or empty.
   *
   * @param element the value, or null when the optional is empty
   */
  record OptionalValue(TestValue element) implements TestValue {
    /** @return true when the optional holds a value */
    public boolean isPresent() {
      return element != null;
    }

    @Override
    public String describe() {
      return "optional(" + (element == null ? "empty" : element.describe()) + ")";
    }
  }
}
