package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.ValueType;
import java.util.Arrays;
import java.util.List;

/** How one operator's output types follow from its inputs and attributes. */
@FunctionalInterface
interface ShapeRule {
  /**
   * @param c the node and what is known of its inputs
   * @return the types of its outputs in order, null (or a shorter list) where unknown
   * @throws IllegalArgumentException or a {@link dev.rnnx.converter.onnx.ModelFormatException}
   *     when the inputs and attributes contradict the operator's definition
   */
  List<ValueType> infer(InferenceContext c);

  /**
   * @param types output types, null where unknown
   * @return them as a list (which, unlike {@link List#of}, may hold nulls)
   */
  static List<ValueType> of(ValueType... types) {
    return Arrays.asList(types);
  }
}
