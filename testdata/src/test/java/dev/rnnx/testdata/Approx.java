package dev.rnnx.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnnx.tensor.Tensor;

/** Tensor comparison with ONNX's float32 tolerances: {@code |a - e| <= atol + rtol * |e|}. */
public final class Approx {
  /** ONNX's relative tolerance for float32. */
  public static final double RTOL = 1e-3;
  /** ONNX's absolute tolerance for float32. */
  public static final double ATOL = 1e-7;

  private Approx() {}

  /**
   * Asserts equal shapes and every element within ONNX's tolerances.
   *
   * @param expected the oracle's tensor
   * @param actual the tensor checked
   * @param what names the value in failure messages
   */
  public static void assertClose(Tensor expected, Tensor actual, String what) {
    assertClose(expected, actual, RTOL, ATOL, what);
  }

  /**
   * Asserts equal shapes and every element within the given tolerances.
   *
   * @param expected the oracle's tensor
   * @param actual the tensor checked
   * @param rtol relative tolerance
   * @param atol absolute tolerance
   * @param what names the value in failure messages
   */
  public static void assertClose(Tensor expected, Tensor actual, double rtol, double atol,
      String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.getDouble(i);
      double a = actual.getDouble(i);
      if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
        fail(what + ": element " + i + " is " + a + ", expected " + e + " (of "
            + expected.size() + ")");
      }
    }
  }
}
