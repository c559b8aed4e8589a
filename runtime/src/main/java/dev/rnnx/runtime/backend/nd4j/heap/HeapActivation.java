package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.RecurrentActivations;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One activation function of LSTM, GRU or RNN as a float function, by its ONNX name. A single
 * final class switching on a small enum, so the gate loops' calls stay monomorphic and inline;
 * tanh is a float rational approximation (accurate to a few ulp, as ONNX Runtime's MLAS uses)
 * and sigmoid goes through one {@link Math#exp}. activation_alpha and activation_beta are
 * consumed in list order by the functions that take them, as ONNX Runtime does.
 */
final class HeapActivation {
  /** The functions ONNX lists for recurrent operators. */
  enum Kind {
    SIGMOID, TANH, RELU, AFFINE, LEAKY_RELU, THRESHOLDED_RELU, SCALED_TANH, HARD_SIGMOID, ELU,
    SOFTSIGN, SOFTPLUS
  }

  final Kind kind;
  private final float alpha;
  private final float beta;

  private HeapActivation(Kind kind, float alpha, float beta) {
    this.kind = kind;
    this.alpha = alpha;
    this.beta = beta;
  }

  /** @return f(x) */
  float apply(float x) {
    switch (kind) {
      case SIGMOID:
        return sigmoid(x);
      case TANH:
        return tanh(x);
      case RELU:
        return Math.max(x, 0f);
      case AFFINE:
        return alpha * x + beta;
      case LEAKY_RELU:
        return x < 0 ? alpha * x : x;
      case THRESHOLDED_RELU:
        return x > alpha ? x : 0;
      case SCALED_TANH:
        return alpha * tanh(beta * x);
      case HARD_SIGMOID:
        return Math.max(0, Math.min(1, alpha * x + beta));
      case ELU:
        return x < 0 ? alpha * (float) (Math.exp(x) - 1) : x;
      case SOFTSIGN:
        return x / (1 + Math.abs(x));
      default:
        return (float) Math.log(1 + Math.exp(x));
    }
  }

  /**
   * The logistic function over a range: as 0.5 tanh(x / 2) + 0.5 (which vectorizes) when no
   * input is below -8, where that form is within ONNX's tolerance of the exact value (it loses
   * digits to cancellation further down); else exactly, element by element.
   */
  private static void sigmoidAll(float[] a, int from, int to) {
    float min = Float.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      min = Math.min(min, a[i]);
    }
    if (min >= -8f) { // false for NaN too
      for (int i = from; i < to; i++) {
        a[i] = 0.5f * tanh(0.5f * a[i]) + 0.5f;
      }
    } else {
      for (int i = from; i < to; i++) {
        a[i] = sigmoid(a[i]);
      }
    }
  }

  /** @return the logistic function */
  static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  /**
   * Applies f to {@code a[from, to)} in place: one pass per function, without a branch per
   * element for tanh and the linear functions, so the JIT can vectorize them.
   */
  void applyAll(float[] a, int from, int to) {
    switch (kind) {
      case SIGMOID -> sigmoidAll(a, from, to);
      case TANH -> {
        for (int i = from; i < to; i++) {
          a[i] = tanh(a[i]);
        }
      }
      case RELU -> {
        for (int i = from; i < to; i++) {
          a[i] = Math.max(a[i], 0f); // NaN stays NaN, as ONNX's Relu has it
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          a[i] = apply(a[i]);
        }
      }
    }
  }

  /**
   * @return tanh as a clamped odd rational function in x^2 (Eigen's and MLAS's fit), exact to
   *     float rounding near 0 too, so it needs no branch
   */
  static float tanh(float x) {
    float a = Math.max(-9f, Math.min(9f, x));
    float a2 = a * a;
    float p = -2.76076847742355e-16f;
    p = p * a2 + 2.00018790482477e-13f;
    p = p * a2 - 8.60467152213735e-11f;
    p = p * a2 + 5.12229709037114e-08f;
    p = p * a2 + 1.48572235717979e-05f;
    p = p * a2 + 6.37261928875436e-04f;
    p = p * a2 + 4.89352455891786e-03f;
    float q = 1.19825839466702e-06f;
    q = q * a2 + 1.18534705686654e-04f;
    q = q * a2 + 2.26843463243900e-03f;
    q = q * a2 + 4.89352518554385e-03f;
    return Math.max(-1f, Math.min(1f, a * p / q));
  }

  /** @return the function of that ONNX name (Sigmoid, Tanh, Relu...), default alpha and beta */
  static HeapActivation named(String name) {
    Kind k = kind(name.toLowerCase(Locale.ROOT));
    return new HeapActivation(k, defaultAlpha(k), defaultBeta(k));
  }

  /**
   * @param n the node
   * @param defaults one direction's function names when the node lists none
   * @param directions 1 or 2
   * @return per direction, its functions in order (f, g, h for LSTM), or null when the list
   *     has the wrong length or names a function this class lacks (the node is declined)
   */
  static HeapActivation[][] of(Node n, List<String> defaults, int directions) {
    Optional<List<RecurrentActivations.Spec>> specs =
        RecurrentActivations.specs(n, defaults, directions);
    if (specs.isEmpty()) {
      return null;
    }
    HeapActivation[][] out = new HeapActivation[directions][defaults.size()];
    for (int i = 0; i < specs.get().size(); i++) {
      RecurrentActivations.Spec f = specs.get().get(i);
      Kind kind = kind(f.name());
      if (kind == null) {
        return null;
      }
      out[i / defaults.size()][i % defaults.size()] = new HeapActivation(kind,
          f.alpha() != null ? f.alpha().floatValue() : defaultAlpha(kind),
          f.beta() != null ? f.beta().floatValue() : defaultBeta(kind));
    }
    return out;
  }

  private static Kind kind(String name) {
    return switch (name) {
      case "sigmoid" -> Kind.SIGMOID;
      case "tanh" -> Kind.TANH;
      case "relu" -> Kind.RELU;
      case "affine" -> Kind.AFFINE;
      case "leakyrelu" -> Kind.LEAKY_RELU;
      case "thresholdedrelu" -> Kind.THRESHOLDED_RELU;
      case "scaledtanh" -> Kind.SCALED_TANH;
      case "hardsigmoid" -> Kind.HARD_SIGMOID;
      case "elu" -> Kind.ELU;
      case "softsign" -> Kind.SOFTSIGN;
      case "softplus" -> Kind.SOFTPLUS;
      default -> null;
    };
  }

  private static float defaultAlpha(Kind k) {
    return switch (k) {
      case LEAKY_RELU -> 0.01f;
      case HARD_SIGMOID -> 0.2f;
      default -> 1f;
    };
  }

  private static float defaultBeta(Kind k) {
    return switch (k) {
      case AFFINE -> 0f;
      case HARD_SIGMOID -> 0.5f;
      default -> 1f;
    };
  }
}
