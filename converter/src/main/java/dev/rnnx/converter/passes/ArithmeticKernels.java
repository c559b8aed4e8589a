package dev.rnnx.converter.passes;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Element-wise kernels with numpy broadcasting: arithmetic, comparisons, logic, Where, Cast.
 * Integer types compute in 64-bit and wrap to their width; float types compute in double and
 * round once to their type, which for +, -, *, / gives the correctly rounded result.
 */
final class ArithmeticKernels {
  private ArithmeticKernels() {}

  /** A binary operation on integers; unsigned for uint64, whose values Java holds signed. */
  private interface LongOp {
    long apply(long a, long b, boolean unsigned);
  }

  /** A binary operation on floats. */
  private interface DoubleOp {
    double apply(double a, double b);
  }

  /** A comparison of two elements. */
  private interface Compare {
    boolean test(int order, boolean equal);
  }

  /** @param kernels where to add this family's kernels, by operator */
  static void register(Map<String, FoldKernel> kernels) {
    kernels.put("Add", c -> List.of(arithmetic(c, (a, b, u) -> a + b, (a, b) -> a + b)));
    kernels.put("Sub", c -> List.of(arithmetic(c, (a, b, u) -> a - b, (a, b) -> a - b)));
    kernels.put("Mul", c -> List.of(arithmetic(c, (a, b, u) -> a * b, (a, b) -> a * b)));
    kernels.put("Div", c -> List.of(arithmetic(c, ArithmeticKernels::divide, (a, b) -> a / b)));
    kernels.put("Min", c -> List.of(variadic(c, (a, b, u) -> order(a, b, u) <= 0 ? a : b,
        Math::min)));
    kernels.put("Max", c -> List.of(variadic(c, (a, b, u) -> order(a, b, u) >= 0 ? a : b,
        Math::max)));
    kernels.put("Neg", c -> List.of(negate(c.input(0))));
    kernels.put("Equal", c -> List.of(compare(c, (order, equal) -> equal)));
    kernels.put("Less", c -> List.of(compare(c, (order, equal) -> order < 0)));
    kernels.put("Greater", c -> List.of(compare(c, (order, equal) -> order > 0)));
    kernels.put("LessOrEqual", c -> List.of(compare(c, (order, equal) -> order < 0 || equal)));
    kernels.put("GreaterOrEqual",
        c -> List.of(compare(c, (order, equal) -> order > 0 || equal)));
    kernels.put("Not", c -> List.of(logical(c, (a, b) -> a == 0 ? 1 : 0)));
    kernels.put("And", c -> List.of(logical(c, (a, b) -> a & b)));
    kernels.put("Or", c -> List.of(logical(c, (a, b) -> a | b)));
    kernels.put("Xor", c -> List.of(logical(c, (a, b) -> a ^ b)));
    kernels.put("Where", c -> List.of(where(c)));
    kernels.put("Cast", c -> List.of(cast(c.input(0),
        ElementwiseRules.castTarget(c.node().attributes().get("to")))));
    kernels.put("CastLike", c -> List.of(cast(c.input(0), c.input(1).type())));
  }

  /** Integer Div truncates towards zero, as C does; dividing by zero is left undefined. */
  private static long divide(long a, long b, boolean unsigned) {
    if (b == 0) {
      throw new NotFoldable("integer division by zero");
    }
    return unsigned ? Long.divideUnsigned(a, b) : a / b;
  }

  private static int order(long a, long b, boolean unsigned) {
    return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
  }

  private static void requireArithmetic(ElementType type) {
    if (type == ElementType.STRING || type == ElementType.BOOL
        || type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128) {
      throw new NotFoldable("arithmetic on " + type);
    }
  }

  private static long[] legacyCheck(FoldContext c) {
    if (c.version() < 7 && c.node().intAttr("broadcast", 0) == 1) {
      throw new NotFoldable("pre-opset-7 broadcasting with an axis");
    }
    long[][] shapes = new long[c.inputCount()][];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = c.input(i).shape();
    }
    return c.checkSize(Broadcasting.sizes(shapes));
  }

  private static Tensor arithmetic(FoldContext c, LongOp ints, DoubleOp floats) {
    Tensor a = c.input(0);
    Tensor b = c.input(1);
    ElementType type = a.type();
    requireArithmetic(type);
    if (b.type() != type) {
      throw new IllegalArgumentException("operand types differ: " + a.describe() + " and "
          + b.describe());
    }
    long[] shape = legacyCheck(c);
    int[] ia = Indexing.broadcastIndex(a.shape(), shape);
    int[] ib = Indexing.broadcastIndex(b.shape(), shape);
    TensorWriter w = new TensorWriter(type, shape);
    for (int i = 0; i < ia.length; i++) {
      if (type.isInteger()) {
        w.setLong(i, ints.apply(a.getLong(ia[i]), b.getLong(ib[i]), type == ElementType.UINT64));
      } else {
        w.setDouble(i, floats.apply(a.getDouble(ia[i]), b.getDouble(ib[i])));
      }
    }
    return w.build();
  }

  /** Min and Max take one or more operands. */
  private static Tensor variadic(FoldContext c, LongOp ints, DoubleOp floats) {
    Tensor result = c.input(0);
    requireArithmetic(result.type());
    long[] shape = legacyCheck(c);
    for (int k = 1; k < c.inputCount(); k++) {
      Tensor b = c.input(k);
      if (b.type() != result.type()) {
        throw new IllegalArgumentException("operand types differ: " + result.describe()
            + " and " + b.describe());
      }
      long[] partial = Broadcasting.sizes(result.shape(), b.shape());
      int[] ia = Indexing.broadcastIndex(result.shape(), partial);
      int[] ib = Indexing.broadcastIndex(b.shape(), partial);
      TensorWriter w = new TensorWriter(result.type(), partial);
      for (int i = 0; i < ia.length; i++) {
        if (result.type().isInteger()) {
          w.setLong(i, ints.apply(result.getLong(ia[i]), b.getLong(ib[i]),
              result.type() == ElementType.UINT64));
        } else {
          w.setDouble(i, floats.apply(result.getDouble(ia[i]), b.getDouble(ib[i])));
        }
      }
      result = w.build();
    }
    return result.reshape(shape); // a single operand is its own result
  }

  private static Tensor negate(Tensor a) {
    requireArithmetic(a.type());
    long[] shape = a.shape();
    TensorWriter w = new TensorWriter(a.type(), shape);
    for (int i = 0; i < a.size(); i++) {
      if (a.type().isInteger()) {
        w.setLong(i, -a.getLong(i));
      } else {
        w.setDouble(i, -a.getDouble(i));
      }
    }
    return w.build();
  }

  private static Tensor compare(FoldContext c, Compare test) {
    Tensor a = c.input(0);
    Tensor b = c.input(1);
    if (a.type() != b.type()) {
      throw new IllegalArgumentException("operand types differ: " + a.describe() + " and "
          + b.describe());
    }
    ElementType type = a.type();
    if (type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128
        || type == ElementType.STRING && !c.node().opType().equals("Equal")) {
      throw new NotFoldable("comparing " + type);
    }
    long[] shape = legacyCheck(c);
    int[] ia = Indexing.broadcastIndex(a.shape(), shape);
    int[] ib = Indexing.broadcastIndex(b.shape(), shape);
    TensorWriter w = new TensorWriter(ElementType.BOOL, shape);
    for (int i = 0; i < ia.length; i++) {
      boolean result;
      if (type == ElementType.STRING) {
        result = test.test(1, a.strings().get(ia[i]).equals(b.strings().get(ib[i])));
      } else if (type.isInteger() || type == ElementType.BOOL) {
        long x = a.getLong(ia[i]);
        long y = b.getLong(ib[i]);
        result = test.test(order(x, y, type == ElementType.UINT64), x == y);
      } else { // NaN is neither less, greater nor equal
        double x = a.getDouble(ia[i]);
        double y = b.getDouble(ib[i]);
        result = test.test(x < y ? -1 : x > y ? 1 : 0, x == y);
      }
      w.setLong(i, result ? 1 : 0);
    }
    return w.build();
  }

  private static Tensor logical(FoldContext c, java.util.function.LongBinaryOperator op) {
    for (int i = 0; i < c.inputCount(); i++) {
      if (c.input(i).type() != ElementType.BOOL) {
        throw new IllegalArgumentException(c.node().opType() + " takes bool tensors, got "
            + c.input(i).describe());
      }
    }
    Tensor a = c.input(0);
    Tensor b = c.inputCount() > 1 ? c.input(1) : a;
    long[] shape = legacyCheck(c);
    int[] ia = Indexing.broadcastIndex(a.shape(), shape);
    int[] ib = Indexing.broadcastIndex(b.shape(), shape);
    TensorWriter w = new TensorWriter(ElementType.BOOL, shape);
    for (int i = 0; i < ia.length; i++) {
      w.setLong(i, op.applyAsLong(a.getLong(ia[i]), b.getLong(ib[i])));
    }
    return w.build();
  }

  private static Tensor where(FoldContext c) {
    Tensor cond = c.input(0);
    Tensor x = c.input(1);
    Tensor y = c.input(2);
    if (x.type() != y.type()) {
      throw new IllegalArgumentException("X and Y types differ: " + x.describe() + " and "
          + y.describe());
    }
    long[] shape = c.checkSize(Broadcasting.sizes(cond.shape(), x.shape(), y.shape()));
    int[] ic = Indexing.broadcastIndex(cond.shape(), shape);
    int[] ix = Indexing.broadcastIndex(x.shape(), shape);
    int[] iy = Indexing.broadcastIndex(y.shape(), shape);
    TensorBuilder out = new TensorBuilder(x.type(), shape);
    for (int i = 0; i < ic.length; i++) {
      if (cond.getLong(ic[i]) != 0) {
        out.copy(i, x, ix[i]);
      } else {
        out.copy(i, y, iy[i]);
      }
    }
    return out.build();
  }

  /**
   * Cast as C does: integers wrap to the target width, floats truncate towards zero into
   * integers, anything non-zero is true. Strings, complex numbers and targets narrower than 8 bits
   * or 8-bit floats (which have saturation rules of their own) are not folded.
   */
  static Tensor cast(Tensor in, ElementType to) {
    ElementType from = Objects.requireNonNull(in.type());
    if (from == to) {
      return in;
    }
    if (from == ElementType.STRING || to == ElementType.STRING || to.bits() < 8
        || to.bits() < 16 && to.isFloatingPoint()
        || from == ElementType.COMPLEX64 || from == ElementType.COMPLEX128
        || to == ElementType.COMPLEX64 || to == ElementType.COMPLEX128) {
      throw new NotFoldable("casting " + from + " to " + to);
    }
    boolean exactInteger = (from.isInteger() || from == ElementType.BOOL)
        && from != ElementType.UINT64;
    TensorWriter w = new TensorWriter(to, in.shape());
    for (int i = 0; i < in.size(); i++) {
      if (!exactInteger) {
        w.setDouble(i, in.getDouble(i));
      } else if (to == ElementType.FLOAT) {
        w.setDouble(i, (float) in.getLong(i)); // one rounding, long to float
      } else {
        w.setLong(i, in.getLong(i));
      }
    }
    return w.build();
  }
}
