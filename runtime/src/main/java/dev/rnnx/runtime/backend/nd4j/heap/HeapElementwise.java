package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.Broadcast;
import dev.rnnx.runtime.backend.nd4j.kernels.UnaryFunctions;
import dev.rnnx.tensor.ElementType;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Element-wise operators on the heap path: unary functions of float tensors (the formulas of
 * {@link UnaryFunctions}), broadcasting arithmetic on float and integer tensors, comparisons
 * and logic to bool, Where, Clip, Cast between the carried types.
 */
final class HeapElementwise {
  private HeapElementwise() {}

  static void registerAll(HeapRegistry r) {
    r.add("Sigmoid", 1, (n, c) -> vectorized(c, HeapActivation.named("Sigmoid")));
    r.add("Tanh", 1, (n, c) -> vectorized(c, HeapActivation.named("Tanh")));
    r.add("Relu", 1, (n, c) -> vectorized(c, HeapActivation.named("Relu")));
    for (String op : List.of("Sqrt", "Exp", "Log", "Reciprocal",
        "Softsign", "Softplus", "Erf", "LeakyRelu", "Elu", "Selu", "HardSigmoid",
        "ThresholdedRelu")) {
      r.add(op, 1, HeapElementwise::floatUnary);
    }
    r.add("Gelu", 20, HeapElementwise::floatUnary);
    r.add("Abs", 1, (n, c) -> signed(Math::abs, Math::abs));
    r.add("Neg", 1, (n, c) -> signed(x -> -x, x -> -x));
    r.add("Clip", 1, (n, c) -> floats(c, UnaryFunctions.clip(n.floatAttr("min",
        -Float.MAX_VALUE), n.floatAttr("max", Float.MAX_VALUE))));
    r.add("Clip", 11, (n, c) -> isFloat(c, 0) ? HeapElementwise::clipInputs : null);
    r.add("Not", 1, (n, c) -> (in, s) -> one(map(in[0], x -> x == 0 ? 1 : 0)));
    arithmetic(r, "Add", Double::sum, Long::sum);
    arithmetic(r, "Sub", (a, b) -> a - b, (a, b) -> a - b);
    arithmetic(r, "Mul", (a, b) -> a * b, (a, b) -> a * b);
    arithmetic(r, "Div", (a, b) -> a / b, (a, b) -> a / b);
    r.add("Pow", 7, (n, c) -> isFloat(c, 0)
        ? (in, s) -> one(combine(ElementType.FLOAT, in[0], in[1], HeapElementwise::pow, null))
        : null);
    compare(r, "Equal", 7, (a, b) -> a == b ? 1 : 0);
    compare(r, "Less", 7, (a, b) -> a < b ? 1 : 0);
    compare(r, "Greater", 7, (a, b) -> a > b ? 1 : 0);
    compare(r, "LessOrEqual", 12, (a, b) -> a <= b ? 1 : 0);
    compare(r, "GreaterOrEqual", 12, (a, b) -> a >= b ? 1 : 0);
    compare(r, "And", 7, (a, b) -> a != 0 && b != 0 ? 1 : 0);
    compare(r, "Or", 7, (a, b) -> a != 0 || b != 0 ? 1 : 0);
    compare(r, "Xor", 7, (a, b) -> (a != 0) != (b != 0) ? 1 : 0);
    r.add("Where", 9, (n, c) -> (in, s) -> one(where(in[0], in[1], in[2])));
    r.add("Cast", 6, HeapElementwise::cast);
  }

  private static Dense[] one(Dense d) {
    return new Dense[] {d};
  }

  private static boolean isFloat(HeapContext c, int input) {
    return c.type(input).orElse(null) == ElementType.FLOAT;
  }

  private static HeapKernel floatUnary(Node n, HeapContext c) {
    return floats(c, UnaryFunctions.of(n).orElseThrow());
  }

  /** A function of float tensors in one vectorizable pass (other input types are declined). */
  private static HeapKernel vectorized(HeapContext c, HeapActivation f) {
    return isFloat(c, 0) ? (in, s) -> {
      float[] out = in[0].f.clone();
      f.applyAll(out, 0, out.length);
      return one(Dense.floats(in[0].shape, out));
    } : null;
  }

  /** A function of float tensors (other input types are declined). */
  private static HeapKernel floats(HeapContext c, DoubleUnaryOperator f) {
    return isFloat(c, 0) ? (in, s) -> one(map(in[0], f)) : null;
  }

  /** A function of float and integer tensors (integers computed exactly). */
  private static HeapKernel signed(DoubleUnaryOperator onFloats,
      java.util.function.LongUnaryOperator onLongs) {
    return (in, s) -> {
      Dense x = in[0];
      if (x.isFloat()) {
        return one(map(x, onFloats));
      }
      long[] out = new long[x.l.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = onLongs.applyAsLong(x.l[i]);
      }
      return one(Dense.longs(x.type, x.shape, out));
    };
  }

  /** @return f of every element, same type and shape */
  static Dense map(Dense x, DoubleUnaryOperator f) {
    if (x.isFloat()) {
      float[] out = new float[x.f.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) f.applyAsDouble(x.f[i]);
      }
      return Dense.floats(x.shape, out);
    }
    long[] out = new long[x.l.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) f.applyAsDouble(x.l[i]);
    }
    return Dense.longs(x.type, x.shape, out);
  }

  private static Dense[] clipInputs(Dense[] in, HeapScope scope) {
    double min = in.length > 1 && in[1] != null ? in[1].get(0) : Double.NEGATIVE_INFINITY;
    double max = in.length > 2 && in[2] != null ? in[2].get(0) : Double.POSITIVE_INFINITY;
    return one(map(in[0], UnaryFunctions.clip(min, max)));
  }

  private static void arithmetic(HeapRegistry r, String op, DoubleBinaryOperator onFloats,
      LongBinaryOperator onLongs) {
    r.add(op, 7, (n, c) -> {
      ElementType t = c.type(0).orElse(null);
      if (t == ElementType.BOOL || t == null) {
        return null;
      }
      return (in, s) -> one(in[0].isFloat() && in[1].isFloat()
          && Arrays.equals(in[0].shape, in[1].shape) ? sameShape(op, in[0], in[1])
          : combine(in[0].type, in[0], in[1], onFloats, onLongs));
    });
  }

  /** Float arithmetic on operands of one shape: a loop per operator, which vectorizes. */
  private static Dense sameShape(String op, Dense a, Dense b) {
    float[] x = a.f;
    float[] y = b.f;
    float[] out = new float[x.length];
    switch (op) {
      case "Add" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = x[i] + y[i];
        }
      }
      case "Sub" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = x[i] - y[i];
        }
      }
      case "Mul" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = x[i] * y[i];
        }
      }
      default -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = x[i] / y[i];
        }
      }
    }
    return Dense.floats(a.shape, out);
  }

  private static void compare(HeapRegistry r, String op, long since, DoubleBinaryOperator f) {
    r.add(op, since, (n, c) -> (in, s) -> one(combine(ElementType.BOOL, in[0], in[1], f,
        (a, b) -> (long) f.applyAsDouble(a, b))));
  }

  /** ONNX Pow: float base, exponent of any numeric type. */
  private static double pow(double a, double b) {
    return Math.pow(a, b);
  }

  /**
   * @param type the result type: FLOAT, an integer type (both operands of it), or BOOL
   * @return f of the broadcast operands
   */
  static Dense combine(ElementType type, Dense a, Dense b, DoubleBinaryOperator onFloats,
      LongBinaryOperator onLongs) {
    long[] shape = Broadcast.shape(a.shape, b.shape);
    int n = Dense.count(shape);
    boolean sameA = a.size() == n;
    boolean sameB = b.size() == n;
    int[] ia = sameA ? null : Broadcast.map(a.shape, shape);
    int[] ib = sameB ? null : Broadcast.map(b.shape, shape);
    boolean longMath = !a.isFloat() && !b.isFloat() && onLongs != null;
    if (type == ElementType.FLOAT) {
      float[] out = new float[n];
      if (a.isFloat() && b.isFloat() && sameA && sameB) {
        for (int i = 0; i < n; i++) {
          out[i] = (float) onFloats.applyAsDouble(a.f[i], b.f[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          out[i] = (float) onFloats.applyAsDouble(a.get(sameA ? i : ia[i]),
              b.get(sameB ? i : ib[i]));
        }
      }
      return Dense.floats(shape, out);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      int ai = sameA ? i : ia[i];
      int bi = sameB ? i : ib[i];
      out[i] = longMath ? onLongs.applyAsLong(a.l[ai], b.l[bi])
          : (long) onFloats.applyAsDouble(a.get(ai), b.get(bi));
    }
    return Dense.longs(type, shape, out);
  }

  private static Dense where(Dense cond, Dense x, Dense y) {
    long[] shape = Broadcast.shape(cond.shape, x.shape, y.shape);
    int n = Dense.count(shape);
    int[] ic = Broadcast.map(cond.shape, shape);
    int[] ix = Broadcast.map(x.shape, shape);
    int[] iy = Broadcast.map(y.shape, shape);
    if (x.isFloat()) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = cond.l[ic[i]] != 0 ? x.f[ix[i]] : y.f[iy[i]];
      }
      return Dense.floats(shape, out);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = cond.l[ic[i]] != 0 ? x.l[ix[i]] : y.l[iy[i]];
    }
    return Dense.longs(x.type, shape, out);
  }

  /** Cast between the carried types; other targets (and string sources) are declined. */
  private static HeapKernel cast(Node n, HeapContext c) {
    ElementType to = ElementType.fromOnnx((int) n.intAttr("to", 0)).orElse(null);
    if (to == null || !Dense.carries(to)) {
      return null;
    }
    return (in, s) -> one(castTo(in[0], to));
  }

  private static Dense castTo(Dense x, ElementType to) {
    if (x.type == to) {
      return x;
    }
    int n = x.size();
    if (to == ElementType.FLOAT) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = x.l[i];
      }
      return Dense.floats(x.shape, out);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      double v = x.get(i);
      out[i] = switch (to) {
        case BOOL -> v != 0 ? 1 : 0;
        case INT32 -> x.isFloat() ? (int) (float) v : (int) x.l[i];
        default -> x.isFloat() ? (long) v : x.l[i];
      };
    }
    return Dense.longs(to, x.shape, out);
  }
}
