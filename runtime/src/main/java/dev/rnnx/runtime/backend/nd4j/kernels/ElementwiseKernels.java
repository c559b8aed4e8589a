package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Unary element-wise operators. Those with a direct ND4J transform run on it for float
 * tensors; the parameterized ones (and integer inputs) run as one plain-Java pass that reads
 * like the spec's formula.
 */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static void registerAll(KernelRegistry r) {
    native1(r, "Sqrt", Math::sqrt, x -> Transforms.sqrt(x, true));
    native1(r, "Exp", Math::exp, x -> Transforms.exp(x, true));
    native1(r, "Log", Math::log, x -> Transforms.log(x, true));
    native1(r, "Tanh", Math::tanh, x -> Transforms.tanh(x, true));
    native1(r, "Sigmoid", x -> 1 / (1 + Math.exp(-x)), x -> Transforms.sigmoid(x, true));
    native1(r, "Abs", Math::abs, x -> Transforms.abs(x, true));
    native1(r, "Neg", x -> -x, INDArray::neg);
    native1(r, "Relu", x -> Math.max(x, 0), x -> Transforms.relu(x, true));
    java1(r, "Reciprocal", x -> 1 / x);
    java1(r, "Softsign", x -> x / (1 + Math.abs(x)));
    java1(r, "Softplus", x -> Math.log(Math.exp(x) + 1));
    java1(r, "Erf", SpecialFunctions::erf);
    r.add("LeakyRelu", 1, (n, c) -> unary(leakyRelu(n.floatAttr("alpha", 0.01f))));
    r.add("Elu", 1, (n, c) -> unary(elu(n.floatAttr("alpha", 1f))));
    r.add("Selu", 1, (n, c) -> unary(selu(n)));
    r.add("HardSigmoid", 1, (n, c) -> unary(hardSigmoid(n.floatAttr("alpha", 0.2f),
        n.floatAttr("beta", 0.5f))));
    r.add("ThresholdedRelu", 1, (n, c) -> unary(thresholdedRelu(n.floatAttr("alpha", 1f))));
    r.add("Gelu", 20, (n, c) -> unary(n.stringAttr("approximate", "none").equals("tanh")
        ? ElementwiseKernels::geluTanh : ElementwiseKernels::gelu));
    r.simple("Not", 1, in -> map(in[0], x -> x == 0 ? 1 : 0));
    r.add("Clip", 1, (n, c) -> unary(clip(n.floatAttr("min", -Float.MAX_VALUE),
        n.floatAttr("max", Float.MAX_VALUE))));
    r.simple("Clip", 11, ElementwiseKernels::clipInputs);
  }

  static DoubleUnaryOperator leakyRelu(double alpha) {
    return x -> x < 0 ? alpha * x : x;
  }

  static DoubleUnaryOperator elu(double alpha) {
    return x -> x < 0 ? alpha * (Math.exp(x) - 1) : x;
  }

  private static DoubleUnaryOperator selu(Node n) {
    double alpha = n.floatAttr("alpha", 1.67326319217681884765625f);
    double gamma = n.floatAttr("gamma", 1.05070102214813232421875f);
    return x -> x <= 0 ? gamma * (alpha * Math.exp(x) - alpha) : gamma * x;
  }

  static DoubleUnaryOperator hardSigmoid(double alpha, double beta) {
    return x -> Math.max(0, Math.min(1, alpha * x + beta));
  }

  static DoubleUnaryOperator thresholdedRelu(double alpha) {
    return x -> x > alpha ? x : 0;
  }

  private static double gelu(double x) {
    return 0.5 * x * (1 + SpecialFunctions.erf(x / Math.sqrt(2)));
  }

  private static double geluTanh(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  private static DoubleUnaryOperator clip(double min, double max) {
    return x -> Double.isNaN(x) ? x : Math.min(max, Math.max(min, x));
  }

  /** Clip-11+: min and max are optional scalar inputs of the input's type. */
  private static INDArray clipInputs(INDArray[] in) {
    double min = in.length > 1 && in[1] != null ? NdArrays.doubles(in[1])[0]
        : Double.NEGATIVE_INFINITY;
    double max = in.length > 2 && in[2] != null ? NdArrays.doubles(in[2])[0]
        : Double.POSITIVE_INFINITY;
    return map(in[0], clip(min, max));
  }

  private static Kernel unary(DoubleUnaryOperator f) {
    return (in, scope) -> new INDArray[] {map(in[0], f)};
  }

  private static void java1(KernelRegistry r, String op, DoubleUnaryOperator f) {
    r.add(op, 1, (n, c) -> unary(f));
  }

  /** An operator ND4J has a transform for: used on float tensors, Java otherwise. */
  private static void native1(KernelRegistry r, String op, DoubleUnaryOperator f,
      Function<INDArray, INDArray> nd4j) {
    r.simple(op, 1, in -> NdArrays.isFloating(in[0].dataType()) && !in[0].isEmpty()
        ? nd4j.apply(in[0]) : map(in[0], f));
  }

  /** @return f applied to every element, of the input's type (and shape) */
  static INDArray map(INDArray x, DoubleUnaryOperator f) {
    double[] v = NdArrays.doubles(x);
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(v[i]);
    }
    return NdArrays.of(x.dataType(), x.shape(), v);
  }
}
