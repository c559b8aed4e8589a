package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Kernels that make a tensor rather than transform one: Constant, ConstantOfShape, Range, and
 * Shape and Size, which need only their input's shape (from a constant, or from shape
 * inference when every dim is fixed).
 */
final class GeneratorKernels {
  private GeneratorKernels() {}

  /** @param kernels where to add this family's kernels, by operator */
  static void register(Map<String, FoldKernel> kernels) {
    kernels.put("Constant", c -> {
      Tensor value = ConstantAttributes.value(c.node());
      if (value == null) {
        throw new NotFoldable("a sparse constant");
      }
      return List.of(value);
    });
    kernels.put("ConstantOfShape", c -> List.of(constantOfShape(c)));
    kernels.put("Range", c -> List.of(range(c)));
    kernels.put("Shape", c -> List.of(shape(c)));
    kernels.put("Size", c -> List.of(Tensor.scalar(Tensor.elementCount(inputShape(c)))));
  }

  /** Shape and Size only read their input's shape, which need not be constant. */
  static boolean readsShapeOnly(String opType) {
    return opType.equals("Shape") || opType.equals("Size");
  }

  private static long[] inputShape(FoldContext c) {
    if (c.has(0)) {
      return c.input(0).shape();
    }
    if (c.inputType(0).orElse(null) instanceof ValueType.TensorType t
        && t.shape() != null && t.shape().isFullyKnown()) {
      return t.shape().sizes();
    }
    throw new NotFoldable("the input's shape is not fully known");
  }

  private static Tensor shape(FoldContext c) {
    long[] dims = inputShape(c);
    int start = 0;
    int end = dims.length;
    if (c.version() >= 15) {
      start = clamp(c.node().intAttr("start", 0), dims.length);
      end = Math.max(start, clamp(c.node().intAttr("end", dims.length), dims.length));
    }
    long[] out = Arrays.copyOfRange(dims, start, end);
    return Tensor.of(out, out.length);
  }

  private static int clamp(long index, int rank) {
    long i = index < 0 ? index + rank : index;
    return (int) Math.max(0, Math.min(rank, i));
  }

  private static Tensor constantOfShape(FoldContext c) {
    long[] shape = c.checkSize(c.longs(0));
    Attribute value = c.node().attributes().get("value");
    Tensor fill = value == null ? Tensor.scalar(0f) : value.asTensor();
    if (fill.size() != 1) {
      throw new IllegalArgumentException("the value must hold one element, got "
          + fill.describe());
    }
    TensorBuilder out = new TensorBuilder(fill.type(), shape);
    int n = Math.toIntExact(Tensor.elementCount(shape));
    for (int i = 0; i < n; i++) {
      out.copy(i, fill, 0);
    }
    return out.build();
  }

  /** Range: start + i * delta for i below {@link RangeCount}, computed in the element type. */
  private static Tensor range(FoldContext c) {
    Tensor start = c.input(0);
    Tensor delta = c.input(2);
    ElementType type = start.type();
    if (!type.isInteger() && !type.isFloatingPoint()) {
      throw new NotFoldable("Range over " + type);
    }
    long n = RangeCount.of(start, c.input(1), delta);
    long[] shape = c.checkSize(new long[] {n});
    TensorWriter w = new TensorWriter(type, shape);
    for (int i = 0; i < n; i++) {
      if (type.isInteger()) {
        w.setLong(i, start.getLong(0) + i * delta.getLong(0));
      } else {
        w.setDouble(i, start.getDouble(0) + i * delta.getDouble(0));
      }
    }
    return w.build();
  }
}
