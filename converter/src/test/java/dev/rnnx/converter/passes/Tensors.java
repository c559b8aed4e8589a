package dev.rnnx.converter.passes;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;

/** Compares tensors as the ONNX backend tests do. */
final class Tensors {
  private Tensors() {}

  /**
   * Integers, bools and strings must be equal; floats within ONNX's tolerance (float32: rtol
   * 1e-3, atol 1e-7), NaN matching NaN.
   *
   * @return null when they match, else the first difference
   */
  static String difference(Tensor actual, Tensor expected) {
    if (actual.type() != expected.type() || !Arrays.equals(actual.shape(), expected.shape())) {
      return actual.describe() + " instead of " + expected.describe();
    }
    if (actual.type() == ElementType.STRING) {
      return actual.strings().equals(expected.strings()) ? null
          : actual.strings() + " instead of " + expected.strings();
    }
    for (int i = 0; i < actual.size(); i++) {
      if (actual.type().isFloatingPoint()) {
        double x = actual.getDouble(i);
        double y = expected.getDouble(i);
        boolean same = x == y || Double.isNaN(x) && Double.isNaN(y)
            || Math.abs(x - y) <= 1e-7 + 1e-3 * Math.abs(y);
        if (!same) {
          return "element " + i + " is " + x + " instead of " + y;
        }
      } else if (actual.getLong(i) != expected.getLong(i)) {
        return "element " + i + " is " + actual.getLong(i) + " instead of "
            + expected.getLong(i);
      }
    }
    return null;
  }
}
