package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.onnx.TestValue;
import dev.rnnx.converter.onnx.TestValue.OptionalValue;
import dev.rnnx.converter.onnx.TestValue.SequenceValue;
import dev.rnnx.converter.onnx.TestValue.TensorValue;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values are judged as ONNX's backend test runner judges them. */
class ValueComparisonTest {
  private static TestValue t(Tensor tensor) {
    return new TensorValue(tensor);
  }

  private static TestValue floats(float... v) {
    return t(Tensor.of(v, v.length));
  }

  private static String mismatch(TestValue expected, TestValue actual) {
    return ValueComparison.mismatch(expected, actual).orElse("");
  }

  @Test
  void floatsMatchWithinRelativeAndAbsoluteTolerance() {
    assertEquals("", mismatch(floats(1000f, 0f), floats(1000.9f, 5e-8f)));
    assertEquals("index [0]: 1001.0999755859375, expected 1000.0 (rtol 0.001, atol 1.0E-7)",
        mismatch(floats(1000f), floats(1001.1f)));
    assertEquals("", mismatch(floats(Float.NaN, Float.POSITIVE_INFINITY),
        floats(Float.NaN, Float.POSITIVE_INFINITY)));
  }

  @Test
  void halfFloatsUseTheSameTolerances() {
    Tensor expected = Tensor.ofDoubles(ElementType.FLOAT16, new double[] {1000}, 1);
    assertEquals("", mismatch(t(expected), t(Tensor.ofDoubles(ElementType.FLOAT16,
        new double[] {1000.5}, 1))));
    assertEquals("index [0]: 1002.0, expected 1000.0 (rtol 0.001, atol 1.0E-7)",
        mismatch(t(expected), t(Tensor.ofDoubles(ElementType.FLOAT16, new double[] {1002}, 1))));
    Tensor bf = Tensor.ofDoubles(ElementType.BFLOAT16, new double[] {2}, 1);
    assertEquals("", mismatch(t(bf), t(bf)));
  }

  @Test
  void integersBoolsAndStringsMustBeEqual() {
    assertEquals("index [1]: 3, expected 2", mismatch(t(Tensor.of(new long[] {1, 2}, 2)),
        t(Tensor.of(new long[] {1, 3}, 2))));
    assertEquals("index [0]: 0, expected 1", mismatch(t(Tensor.of(new boolean[] {true}, 1)),
        t(Tensor.of(new boolean[] {false}, 1))));
    assertEquals("index [0]: \"b\", expected \"a\"", mismatch(t(Tensor.of(new String[] {"a"},
        1)), t(Tensor.of(new String[] {"b"}, 1))));
  }

  @Test
  void elementTypesAndShapesMustBeEqual() {
    assertEquals("element type double, expected float", mismatch(floats(1),
        t(Tensor.of(new double[] {1}, 1))));
    assertEquals("shape [1, 2], expected [2]", mismatch(floats(1, 2),
        t(Tensor.of(new float[] {1, 2}, 1, 2))));
  }

  @Test
  void sequencesCompareLengthsThenElements() {
    TestValue two = new SequenceValue(List.of(floats(1), floats(2)));
    assertEquals("", mismatch(two, new SequenceValue(List.of(floats(1), floats(2)))));
    assertEquals("a sequence of 1 elements, expected 2", mismatch(two,
        new SequenceValue(List.of(floats(1)))));
    assertEquals("element 1: index [0]: 3.0, expected 2.0 (rtol 0.001, atol 1.0E-7)",
        mismatch(two, new SequenceValue(List.of(floats(1), floats(3)))));
    assertEquals("float[1], expected seq(float[1], float[1])", mismatch(two, floats(1)));
  }

  @Test
  void optionalsComparePresenceThenValues() {
    TestValue some = new OptionalValue(floats(4));
    TestValue none = new OptionalValue(null);
    assertEquals("", mismatch(none, new OptionalValue(null)));
    assertEquals("optional(empty), expected optional(float[1])", mismatch(some, none));
    assertEquals("", mismatch(some, new OptionalValue(floats(4))));
    assertEquals("", mismatch(some, floats(4)));
    assertEquals("float[1], expected optional(empty)", mismatch(none, floats(4)));
  }
}
