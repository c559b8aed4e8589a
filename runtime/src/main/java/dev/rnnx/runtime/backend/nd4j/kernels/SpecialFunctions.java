package dev.rnnx.runtime.backend.nd4j.kernels;

/** Functions java.lang.Math lacks. */
final class SpecialFunctions {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private SpecialFunctions() {}

  /**
   * tanh through the intrinsic {@link Math#exp} (Math.tanh runs StrictMath's fdlibm, several
   * times slower in recurrent gate loops): relative error below 1e-8 for |x| above 1e-8, the
   * identity (its error is x^3/3) under that.
   */
  static double tanh(double x) {
    double a = Math.abs(x);
    if (a < 1e-8) {
      return x;
    }
    double t = Math.exp(-2 * a);
    return Math.copySign((1 - t) / (1 + t), x);
  }

  /**
   * The error function: its Maclaurin series below 0.5 (no cancellation near 0), elsewhere
   * 1 - erfc with Numerical Recipes' Chebyshev fit (relative error under 1.2e-7).
   */
  static double erf(double x) {
    double z = Math.abs(x);
    if (z < 0.5) {
      double term = x;
      double sum = x;
      for (int n = 1; n < 20; n++) {
        term *= -x * x / n;
        sum += term / (2 * n + 1);
      }
      return TWO_OVER_SQRT_PI * sum;
    }
    double t = 1 / (1 + 0.5 * z);
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? 1 - erfc : erfc - 1;
  }
}
