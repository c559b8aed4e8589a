package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Element-wise ONNX operators: activations, Softmax and broadcasting arithmetic. */
public final class Elementwise {
  private Elementwise() {}

  /** @return the ONNX {@code Sigmoid} of {@code x}: {@code 1 / (1 + e^-x)} */
  public static Tensor sigmoid(Tensor x) {
    return map(x, v -> 1 / (1 + Math.exp(-v)));
  }

  /** @return the ONNX {@code Tanh} of {@code x} */
  public static Tensor tanh(Tensor x) {
    return map(x, Math::tanh);
  }

  /** @return the ONNX {@code Add} of {@code a} and {@code b}, broadcasting */
  public static Tensor add(Tensor a, Tensor b) {
    return zip(a, b, Double::sum);
  }

  /** @return the ONNX {@code Mul} of {@code a} and {@code b}, broadcasting */
  public static Tensor mul(Tensor a, Tensor b) {
    return zip(a, b, (x, y) -> x * y);
  }

  /**
   * The ONNX {@code Softmax} (opset 13 and later) along the last axis:
   * {@code exp(x_i) / sum_j exp(x_j)}, shifted by the row's maximum so that large inputs do not
   * overflow.
   *
   * @param x a tensor of rank at least 1
   * @return the softmax of each row along the last axis
   */
  public static Tensor softmaxLastAxis(Tensor x) {
    double[] v = x.toDoubleArray();
    int n = (int) x.dim(x.rank() - 1);
    for (int start = 0; start < v.length; start += n) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = start; i < start + n; i++) {
        max = Math.max(max, v[i]);
      }
      double sum = 0;
      for (int i = start; i < start + n; i++) {
        v[i] = Math.exp(v[i] - max);
        sum += v[i];
      }
      for (int i = start; i < start + n; i++) {
        v[i] /= sum;
      }
    }
    return Tensor.ofDoubles(x.type(), v, x.shape());
  }

  /**
   * @param x a tensor
   * @param f the function
   * @return {@code f} applied to every element, in {@code x}'s element type
   */
  public static Tensor map(Tensor x, DoubleUnaryOperator f) {
    double[] v = x.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = f.applyAsDouble(v[i]);
    }
    return Tensor.ofDoubles(x.type(), v, x.shape());
  }

  /**
   * @param a a tensor
   * @param b a tensor whose shape broadcasts with {@code a}'s
   * @param f the function
   * @return {@code f(a, b)} element by element over the broadcast shape, in {@code a}'s type
   */
  public static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
    long[] shape = Broadcast.shape(a.shape(), b.shape());
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    double[] out = new double[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(av[Broadcast.sourceIndex(i, shape, a.shape())],
          bv[Broadcast.sourceIndex(i, shape, b.shape())]);
    }
    return Tensor.ofDoubles(a.type(), out, shape);
  }
}
