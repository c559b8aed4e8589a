package dev.rnnx.converter.passes;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;

/** How many elements Range yields: {@code max(ceil((limit - start) / delta), 0)}. */
final class RangeCount {
  private RangeCount() {}

  /**
   * @param start the first value, a scalar
   * @param limit the exclusive limit, a scalar of the same type
   * @param delta the step, a scalar of the same type
   * @return the element count
   * @throws IllegalArgumentException when the inputs are not scalars or delta is zero
   */
  static long of(Tensor start, Tensor limit, Tensor delta) {
    for (Tensor t : new Tensor[] {start, limit, delta}) {
      if (t.size() != 1) {
        throw new IllegalArgumentException("Range takes scalars, got " + t.describe());
      }
    }
    ElementType type = start.type();
    if (type.isInteger()) {
      long d = delta.getLong(0);
      if (d == 0) {
        throw new IllegalArgumentException("Range delta is 0");
      }
      long span = limit.getLong(0) - start.getLong(0);
      long q = span / d; // ceiling division: truncation rounds towards 0
      if (span % d != 0 && (span < 0) == (d < 0)) {
        q++;
      }
      return Math.max(q, 0);
    }
    double d = delta.getDouble(0);
    if (d == 0) {
      throw new IllegalArgumentException("Range delta is 0");
    }
    double q = type == ElementType.DOUBLE // narrower floats compute in float, as ONNX does
        ? (limit.getDouble(0) - start.getDouble(0)) / d
        : (limit.getFloat(0) - start.getFloat(0)) / (float) d;
    return (long) Math.max(Math.ceil(q), 0);
  }
}
