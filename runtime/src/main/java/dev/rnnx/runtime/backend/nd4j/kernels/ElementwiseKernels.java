package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.List;
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
    native1(r, "Sqrt", x -> Transforms.sqrt(x, true));
    native1(r, "Exp", x -> Transforms.exp(x, true));
    native1(r, "Log", x -> Transforms.log(x, true));
    native1(r, "Tanh", x -> Transforms.tanh(x, true));
    native1(r, "Sigmoid", x -> Transforms.sigmoid(x, true));
    native1(r, "Abs", x -> Transforms.abs(x, true));
    native1(r, "Neg", INDArray::neg);
    native1(r, "Relu", x -> Transforms.relu(x, true));
    for (String op : List.of("Reciprocal", "Softsign", "Softplus", "Erf", "LeakyRelu", "Elu",
        "Selu", "HardSigmoid", "ThresholdedRelu")) {
      r.add(op, 1, (n, c) -> unary(UnaryFunctions.of(n).orElseThrow()));
    }
    r.add("Gelu", 20, (n, c) -> unary(UnaryFunctions.of(n).orElseThrow()));
    r.simple("Not", 1, in -> map(in[0], x -> x == 0 ? 1 : 0));
    r.add("Clip", 1, (n, c) -> unary(UnaryFunctions.clip(n.floatAttr("min", -Float.MAX_VALUE),
        n.floatAttr("max", Float.MAX_VALUE))));
    r.simple("Clip", 11, ElementwiseKernels::clipInputs);
  }

  /** Clip-11+: min and max are optional scalar inputs of the input's type. */
  private static INDArray clipInputs(INDArray[] in) {
    double min = in.length > 1 && in[1] != null ? NdArrays.doubles(in[1])[0]
        : Double.NEGATIVE_INFINITY;
    double max = in.length > 2 && in[2] != null ? NdArrays.doubles(in[2])[0]
        : Double.POSITIVE_INFINITY;
    return map(in[0], UnaryFunctions.clip(min, max));
  }

  private static Kernel unary(DoubleUnaryOperator f) {
    return (in, scope) -> new INDArray[] {map(in[0], f)};
  }

  /** An operator ND4J has a transform for: used on float tensors, Java otherwise. */
  private static void native1(KernelRegistry r, String op, Function<INDArray, INDArray> nd4j) {
    r.add(op, 1, (n, c) -> {
      DoubleUnaryOperator f = UnaryFunctions.of(n).orElseThrow();
      return (in, s) -> new INDArray[] {NdArrays.isFloating(in[0].dataType())
          && !in[0].isEmpty() ? nd4j.apply(in[0]) : map(in[0], f)};
    });
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
