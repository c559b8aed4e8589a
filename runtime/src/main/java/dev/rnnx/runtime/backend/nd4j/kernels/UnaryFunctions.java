package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The scalar functions of ONNX's unary element-wise operators, attributes read from the node,
 * written as the spec's formulas. Shared by the ND4J kernels, the recurrent activations and
 * the heap path.
 */
public final class UnaryFunctions {
  private UnaryFunctions() {}

  /**
   * @param n a node of a unary element-wise operator
   * @return its function, or empty for other operators (and opset-11+ Clip, whose bounds are
   *     inputs)
   */
  public static Optional<DoubleUnaryOperator> of(Node n) {
    DoubleUnaryOperator f = switch (n.opType()) {
      case "Sqrt" -> Math::sqrt;
      case "Exp" -> Math::exp;
      case "Log" -> Math::log;
      case "Tanh" -> SpecialFunctions::tanh;
      case "Sigmoid" -> x -> 1 / (1 + Math.exp(-x));
      case "Abs" -> Math::abs;
      case "Neg" -> x -> -x;
      case "Relu" -> x -> Math.max(x, 0);
      case "Reciprocal" -> x -> 1 / x;
      case "Softsign" -> x -> x / (1 + Math.abs(x));
      case "Softplus" -> x -> Math.log(Math.exp(x) + 1);
      case "Erf" -> SpecialFunctions::erf;
      case "LeakyRelu" -> leakyRelu(n.floatAttr("alpha", 0.01f));
      case "Elu" -> elu(n.floatAttr("alpha", 1f));
      case "Selu" -> selu(n.floatAttr("alpha", 1.67326319217681884765625f),
          n.floatAttr("gamma", 1.05070102214813232421875f));
      case "HardSigmoid" -> hardSigmoid(n.floatAttr("alpha", 0.2f), n.floatAttr("beta", 0.5f));
      case "ThresholdedRelu" -> thresholdedRelu(n.floatAttr("alpha", 1f));
      case "Gelu" -> n.stringAttr("approximate", "none").equals("tanh")
          ? UnaryFunctions::geluTanh : UnaryFunctions::gelu;
      default -> null;
    };
    return Optional.ofNullable(f);
  }

  /** @return LeakyRelu with slope alpha below zero */
  public static DoubleUnaryOperator leakyRelu(double alpha) {
    return x -> x < 0 ? alpha * x : x;
  }

  /** @return Elu */
  public static DoubleUnaryOperator elu(double alpha) {
    return x -> x < 0 ? alpha * (Math.exp(x) - 1) : x;
  }

  /** @return Selu */
  public static DoubleUnaryOperator selu(double alpha, double gamma) {
    return x -> x <= 0 ? gamma * (alpha * Math.exp(x) - alpha) : gamma * x;
  }

  /** @return HardSigmoid: max(0, min(1, alpha x + beta)) */
  public static DoubleUnaryOperator hardSigmoid(double alpha, double beta) {
    return x -> Math.max(0, Math.min(1, alpha * x + beta));
  }

  /** @return ThresholdedRelu: x above alpha, else 0 */
  public static DoubleUnaryOperator thresholdedRelu(double alpha) {
    return x -> x > alpha ? x : 0;
  }

  /** @return Clip to [min, max], NaN kept */
  public static DoubleUnaryOperator clip(double min, double max) {
    return x -> Double.isNaN(x) ? x : Math.min(max, Math.max(min, x));
  }

  private static double gelu(double x) {
    return 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2)));
  }

  private static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }
}
