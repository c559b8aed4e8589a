package dev.rnnx.tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * Compares an actual tensor with an expected one the way ONNX's backend test runner does:
 * floats within {@code |actual - expected| <= atol + rtol * |expected|} (NaN equals NaN),
 * everything else exactly.
 */
public final class TensorComparison {
  /** ONNX's relative tolerance for float32 results. */
  public static final double ONNX_RTOL = 1e-3;
  /** ONNX's absolute tolerance for float32 results. */
  public static final double ONNX_ATOL = 1e-7;

  private TensorComparison() {}

  /**
   * @param expected the reference
   * @param actual the value to check
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   * @return a description of the first difference, or empty when they agree
   */
  public static Optional<String> mismatch(Tensor expected, Tensor actual, double rtol,
      double atol) {
    if (expected.type() != actual.type()) {
      return Optional.of("element type " + actual.type() + ", expected " + expected.type());
    }
    if (!Arrays.equals(expected.shape(), actual.shape())) {
      return Optional.of("shape " + Arrays.toString(actual.shape()) + ", expected "
          + Arrays.toString(expected.shape()));
    }
    if (expected.type() == ElementType.STRING) {
      for (int i = 0; i < expected.size(); i++) {
        if (!expected.strings().get(i).equals(actual.strings().get(i))) {
          return Optional.of(at(expected, i) + ": \"" + actual.strings().get(i)
              + "\", expected \"" + expected.strings().get(i) + "\"");
        }
      }
      return Optional.empty();
    }
    boolean floating = expected.type().isFloatingPoint();
    for (int i = 0; i < expected.size(); i++) {
      if (floating) {
        double e = expected.getDouble(i);
        double a = actual.getDouble(i);
        boolean same = (Double.isNaN(e) && Double.isNaN(a)) || e == a
            || Math.abs(a - e) <= atol + rtol * Math.abs(e);
        if (!same) {
          return Optional.of(at(expected, i) + ": " + a + ", expected " + e + " (rtol " + rtol
              + ", atol " + atol + ")");
        }
      } else if (expected.getLong(i) != actual.getLong(i)) {
        return Optional.of(at(expected, i) + ": " + actual.getLong(i) + ", expected "
            + expected.getLong(i));
      }
    }
    return Optional.empty();
  }

  /** @return e.g. {@code index [0, 2, 1]} for flat index i */
  private static String at(Tensor t, int flat) {
    long[] shape = t.shape();
    long[] index = new long[shape.length];
    long rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      index[d] = shape[d] == 0 ? 0 : rest % shape[d];
      rest = shape[d] == 0 ? 0 : rest / shape[d];
    }
    return "index " + Arrays.toString(index);
  }
}
