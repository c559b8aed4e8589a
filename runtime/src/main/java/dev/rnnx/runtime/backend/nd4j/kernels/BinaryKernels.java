package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Broadcasting binary and variadic operators. Float Add, Sub, Mul and Div run on ND4J's
 * broadcasting arithmetic; the rest (and integer arithmetic, which ND4J would widen or
 * truncate its own way) run in plain Java over broadcast index maps.
 */
final class BinaryKernels {
  private BinaryKernels() {}

  /** A comparison or logic operator on two elements read as doubles. */
  @FunctionalInterface
  private interface Predicate2 {
    boolean test(double a, double b);
  }

  static void registerAll(KernelRegistry r) {
    arithmetic(r, "Add", (a, b) -> a + b, (a, b) -> a + b, INDArray::add);
    arithmetic(r, "Sub", (a, b) -> a - b, (a, b) -> a - b, INDArray::sub);
    arithmetic(r, "Mul", (a, b) -> a * b, (a, b) -> a * b, INDArray::mul);
    arithmetic(r, "Div", (a, b) -> a / b, (a, b) -> a / b, INDArray::div);
    r.simple("Pow", 1, in -> pow(in[0], in[1]));
    r.add("Mod", 10, (n, c) -> n.intAttr("fmod", 0) == 1
        ? (in, s) -> out(combine(in[0], in[1], (a, b) -> a % b, (a, b) -> a % b))
        : (in, s) -> out(combine(in[0], in[1], BinaryKernels::floorMod, Math::floorMod)));
    compare(r, "Equal", (a, b) -> a == b);
    compare(r, "Less", (a, b) -> a < b);
    compare(r, "Greater", (a, b) -> a > b);
    compare(r, "LessOrEqual", (a, b) -> a <= b);
    compare(r, "GreaterOrEqual", (a, b) -> a >= b);
    compare(r, "And", (a, b) -> a != 0 && b != 0);
    compare(r, "Or", (a, b) -> a != 0 || b != 0);
    compare(r, "Xor", (a, b) -> (a != 0) != (b != 0));
    r.simple("Where", 9, in -> where(in[0], in[1], in[2]));
    variadic(r, "Max", Math::max, Math::max);
    variadic(r, "Min", Math::min, Math::min);
    variadic(r, "Sum", Double::sum, Long::sum);
    r.simple("Mean", 1, in -> ElementwiseKernels.map(fold(in, Double::sum, Long::sum),
        x -> x / in.length));
  }

  private static INDArray[] out(INDArray a) {
    return new INDArray[] {a};
  }

  private static void arithmetic(KernelRegistry r, String op, DoubleBinaryOperator f,
      LongBinaryOperator g, BiFunction<INDArray, INDArray, INDArray> nd4j) {
    r.simple(op, 1, in -> NdArrays.isFloating(in[0].dataType())
        && in[0].dataType() == in[1].dataType() && !in[0].isEmpty() && !in[1].isEmpty()
        ? nd4j.apply(in[0], in[1]) : combine(in[0], in[1], f, g));
  }

  private static void compare(KernelRegistry r, String op, Predicate2 p) {
    r.simple(op, 1, in -> predicate(in[0], in[1], p));
  }

  private static void variadic(KernelRegistry r, String op, DoubleBinaryOperator f,
      LongBinaryOperator g) {
    r.simple(op, 1, in -> fold(in, f, g));
  }

  private static INDArray fold(INDArray[] in, DoubleBinaryOperator f, LongBinaryOperator g) {
    INDArray acc = in[0];
    for (int i = 1; i < in.length; i++) {
      acc = combine(acc, in[i], f, g);
    }
    return in.length == 1 ? acc.dup() : acc;
  }

  private static double floorMod(double a, double b) {
    double m = a % b;
    return m != 0 && (m < 0) != (b < 0) ? m + b : m;
  }

  /** Element-wise f (floats) or g (integers) of two broadcast inputs, of a's type. */
  static INDArray combine(INDArray a, INDArray b, DoubleBinaryOperator f, LongBinaryOperator g) {
    long[] shape = Broadcast.shape(a.shape(), b.shape());
    int[] ia = Broadcast.map(a.shape(), shape);
    int[] ib = Broadcast.map(b.shape(), shape);
    DataType type = a.dataType();
    if (NdArrays.isInteger(type) || type == DataType.BOOL) {
      long[] x = NdArrays.longs(a);
      long[] y = NdArrays.longs(b);
      long[] out = new long[ia.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = g.applyAsLong(x[ia[i]], y[ib[i]]);
      }
      return NdArrays.of(type, shape, out);
    }
    double[] x = NdArrays.doubles(a);
    double[] y = NdArrays.doubles(b);
    double[] out = new double[ia.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(x[ia[i]], y[ib[i]]);
    }
    return NdArrays.of(type, shape, out);
  }

  /** Pow: the exponent may have another type; the result has the base's. */
  private static INDArray pow(INDArray base, INDArray exponent) {
    long[] shape = Broadcast.shape(base.shape(), exponent.shape());
    int[] ia = Broadcast.map(base.shape(), shape);
    int[] ib = Broadcast.map(exponent.shape(), shape);
    double[] x = NdArrays.doubles(base);
    double[] y = NdArrays.doubles(exponent);
    double[] out = new double[ia.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.pow(x[ia[i]], y[ib[i]]);
    }
    return NdArrays.of(base.dataType(), shape, out);
  }

  private static INDArray predicate(INDArray a, INDArray b, Predicate2 p) {
    long[] shape = Broadcast.shape(a.shape(), b.shape());
    int[] ia = Broadcast.map(a.shape(), shape);
    int[] ib = Broadcast.map(b.shape(), shape);
    boolean exact = NdArrays.isInteger(a.dataType());
    boolean[] out = new boolean[ia.length];
    if (exact) {
      long[] x = NdArrays.longs(a);
      long[] y = NdArrays.longs(b);
      for (int i = 0; i < out.length; i++) {
        long u = x[ia[i]];
        long v = y[ib[i]];
        out[i] = u == v ? p.test(0, 0) : p.test(u < v ? 0 : 1, u < v ? 1 : 0);
      }
    } else {
      double[] x = NdArrays.doubles(a);
      double[] y = NdArrays.doubles(b);
      for (int i = 0; i < out.length; i++) {
        out[i] = p.test(x[ia[i]], y[ib[i]]);
      }
    }
    return NdArrays.of(shape, out);
  }

  private static INDArray where(INDArray cond, INDArray x, INDArray y) {
    long[] shape = Broadcast.shape(cond.shape(), x.shape(), y.shape());
    int[] ic = Broadcast.map(cond.shape(), shape);
    int[] ix = Broadcast.map(x.shape(), shape);
    int[] iy = Broadcast.map(y.shape(), shape);
    boolean[] c = NdArrays.booleans(cond);
    int size = x.data() == null ? 1 : x.data().getElementSize();
    byte[] bx = NdArrays.bytes(x);
    byte[] by = NdArrays.bytes(y);
    byte[] out = new byte[ic.length * size];
    for (int i = 0; i < ic.length; i++) {
      if (c[ic[i]]) {
        System.arraycopy(bx, ix[i] * size, out, i * size, size);
      } else {
        System.arraycopy(by, iy[i] * size, out, i * size, size);
      }
    }
    return NdArrays.fromBytes(x.dataType(), shape, out);
  }
}
