package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.onnx.TestValue;
import dev.rnnx.converter.onnx.TestValue.OptionalValue;
import dev.rnnx.converter.onnx.TestValue.SequenceValue;
import dev.rnnx.converter.onnx.TestValue.TensorValue;
import dev.rnnx.tensor.TensorComparison;
import java.util.Optional;

/**
 * Compares a value a backend produced with the reference the way ONNX's backend test runner
 * does: tensors element by element (floats of every width within
 * {@code |actual - expected| <= atol + rtol * |expected|}, NaN equal to NaN, everything else
 * exactly, element types and shapes equal), sequences element by element after their lengths,
 * optionals by presence and then by their values (a present optional also matches its value
 * handed out bare, as backends without optional types return it).
 */
public final class ValueComparison {
  /** ONNX's relative tolerance for its node tests. */
  private static final double RTOL = TensorComparison.ONNX_RTOL;
  /** ONNX's absolute tolerance for its node tests. */
  private static final double ATOL = TensorComparison.ONNX_ATOL;

  private ValueComparison() {}

  /**
   * @param expected the reference value
   * @param actual what the backend produced
   * @return the first difference, or empty when they agree
   */
  public static Optional<String> mismatch(TestValue expected, TestValue actual) {
    if (expected instanceof TensorValue e && actual instanceof TensorValue a) {
      return TensorComparison.mismatch(e.tensor(), a.tensor(), RTOL, ATOL);
    }
    if (expected instanceof SequenceValue e && actual instanceof SequenceValue a) {
      if (e.elements().size() != a.elements().size()) {
        return Optional.of("a sequence of " + a.elements().size() + " elements, expected "
            + e.elements().size());
      }
      for (int i = 0; i < e.elements().size(); i++) {
        Optional<String> m = mismatch(e.elements().get(i), a.elements().get(i));
        if (m.isPresent()) {
          return Optional.of("element " + i + ": " + m.get());
        }
      }
      return Optional.empty();
    }
    if (expected instanceof OptionalValue e && actual instanceof OptionalValue a) {
      if (e.isPresent() != a.isPresent()) {
        return Optional.of(a.describe() + ", expected " + e.describe());
      }
      return e.isPresent() ? mismatch(e.element(), a.element()) : Optional.empty();
    }
    if (expected instanceof OptionalValue e && e.isPresent()) {
      return mismatch(e.element(), actual); // a backend may hand out an optional's value bare
    }
    return Optional.of(actual.describe() + ", expected " + expected.describe());
  }
}
