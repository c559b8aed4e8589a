package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.ir.ValueType.TensorType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The elements of small integer tensors as far as they are known, in row-major order: a fixed
 * element holds its integer value (which may be negative, as in a Reshape target's -1), a
 * symbolic one a dim's symbol. They follow shapes through the Shape, Gather, Slice, Concat,
 * Unsqueeze, Cast, ... chains exporters emit, so that Reshape, Expand and similar ops whose
 * shape input is computed from a symbolic shape still get a shape.
 */
final class SymbolicValues {
  /** Longest element list tracked; shape vectors are far shorter. */
  static final int MAX_ELEMENTS = 64;

  private static final Set<String> PASS_THROUGH =
      Set.of("Identity", "Reshape", "Unsqueeze", "Squeeze", "Flatten", "Cast");

  private SymbolicValues() {}

  /** @return the elements of a constant integer tensor of rank 0 or 1, else null */
  static List<Dim> ofConstant(Tensor t) {
    if (!t.type().isInteger() || t.rank() > 1 || t.size() > MAX_ELEMENTS) {
      return null;
    }
    List<Dim> v = new ArrayList<>();
    for (long x : t.toLongArray()) {
      v.add(Dim.of(x));
    }
    return v;
  }

  /** @return the integers when every element is fixed, else null */
  static long[] allFixed(List<Dim> values) {
    if (values == null || !values.stream().allMatch(Dim::isFixed)) {
      return null;
    }
    return values.stream().mapToLong(Dim::sizeOrMinusOne).toArray();
  }

  /**
   * The elements of a node's first output.
   *
   * @param c the node's context
   * @param output the inferred type of its first output
   * @return the elements, or null when not known or not an integer tensor
   */
  static List<Dim> propagate(InferenceContext c, ValueType output) {
    if (!(output instanceof TensorType t) || !t.elementType().isInteger()) {
      return null;
    }
    List<Dim> v = switch (c.node().opType()) {
      case "Shape" -> shape(c);
      case "Size" -> c.dims(0) == null ? null : List.of(Dims.product(c.dims(0)));
      case "Gather" -> gather(c);
      case "Concat" -> concat(c);
      case "Slice" -> slice(c);
      case "Add", "Sub", "Mul", "Div", "Min", "Max" -> c.inputCount() == 2 ? arithmetic(c) : null;
      case "Neg" -> c.values(0) == null ? null : c.values(0).stream()
          .map(d -> d.isFixed() ? Dim.of(-d.sizeOrMinusOne()) : Dim.UNKNOWN).toList();
      case "ConstantOfShape" -> filled(c);
      case "Range" -> range(c);
      default -> PASS_THROUGH.contains(c.node().opType()) ? c.values(0) : null;
    };
    return v == null || v.size() > MAX_ELEMENTS ? null : v;
  }

  private static List<Dim> shape(InferenceContext c) {
    List<Dim> dims = c.dims(0);
    if (dims == null) {
      return null;
    }
    int[] range = GeneratorRules.shapeRange(c, dims.size());
    return dims.subList(range[0], range[1]);
  }

  private static List<Dim> gather(InferenceContext c) {
    List<Dim> data = c.values(0);
    long[] indices = c.longs(1);
    if (data == null || indices == null || c.tensor(0) == null
        || c.dims(0) == null || c.dims(0).size() != 1) {
      return null;
    }
    List<Dim> out = new ArrayList<>();
    for (long i : indices) {
      long k = i < 0 ? i + data.size() : i;
      if (k < 0 || k >= data.size()) {
        return null;
      }
      out.add(data.get((int) k));
    }
    return out;
  }

  private static List<Dim> concat(InferenceContext c) {
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < c.inputCount(); i++) {
      List<Dim> v = c.values(i);
      if (v == null) {
        return null;
      }
      out.addAll(v);
    }
    return out;
  }

  private static List<Dim> slice(InferenceContext c) {
    List<Dim> data = c.values(0);
    List<Dim> dims = c.dims(0);
    if (data == null || dims == null || dims.size() != 1) {
      return null;
    }
    SlicingRules.SliceArgs args = SlicingRules.sliceArgs(c, 1);
    if (args == null || args.axes()[0] != 0) {
      return null;
    }
    long[] range = SlicingRules.sliceRange(args.starts()[0], args.ends()[0], args.steps()[0],
        data.size());
    List<Dim> out = new ArrayList<>();
    for (long k = range[0], n = 0; n < range[2]; k += range[1], n++) {
      out.add(data.get((int) k));
    }
    return out;
  }

  private static List<Dim> filled(InferenceContext c) {
    long[] shape = c.longs(0);
    if (shape == null) {
      return null;
    }
    long count = 1;
    for (long d : shape) {
      count *= Math.max(d, 0);
      if (count > MAX_ELEMENTS) {
        return null;
      }
    }
    Dim fill = c.node().attribute("value").map(a -> Dim.of(a.asTensor().getLong(0)))
        .orElse(Dim.of(0));
    return new ArrayList<>(java.util.Collections.nCopies((int) count, fill));
  }

  private static List<Dim> range(InferenceContext c) {
    long[] start = c.longs(0);
    long[] limit = c.longs(1);
    long[] delta = c.longs(2);
    if (start == null || limit == null || delta == null || start.length != 1
        || limit.length != 1 || delta.length != 1 || delta[0] == 0) {
      return null;
    }
    List<Dim> out = new ArrayList<>();
    for (long v = start[0]; delta[0] > 0 ? v < limit[0] : v > limit[0]; v += delta[0]) {
      if (out.size() == MAX_ELEMENTS) {
        return null;
      }
      out.add(Dim.of(v));
    }
    return out;
  }

  private static List<Dim> arithmetic(InferenceContext c) {
    List<Dim> a = c.values(0);
    List<Dim> b = c.values(1);
    if (a == null || b == null || (a.size() != b.size() && a.size() != 1 && b.size() != 1)) {
      return null;
    }
    int n = Math.max(a.size(), b.size());
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(element(c.node().opType(), a.get(a.size() == 1 ? 0 : i),
          b.get(b.size() == 1 ? 0 : i)));
    }
    return out;
  }

  private static Dim element(String op, Dim x, Dim y) {
    long p = x.sizeOrMinusOne();
    long q = y.sizeOrMinusOne();
    if (x.isFixed() && y.isFixed()) {
      return switch (op) {
        case "Add" -> Dim.of(p + q);
        case "Sub" -> Dim.of(p - q);
        case "Mul" -> Dim.of(p * q);
        case "Min" -> Dim.of(Math.min(p, q));
        case "Max" -> Dim.of(Math.max(p, q));
        default -> q == 0 ? Dim.UNKNOWN : Dim.of(p / q); // integer Div truncates
      };
    }
    if (op.equals("Min") || op.equals("Max")) {
      return x.equals(y) ? x : Dim.UNKNOWN;
    }
    boolean identityRight = y.isFixed() && q == (op.equals("Mul") || op.equals("Div") ? 1 : 0);
    if (identityRight) {
      return x;
    }
    return x.isFixed() && op.equals("Add") && p == 0 || x.isFixed() && op.equals("Mul") && p == 1
        ? y : Dim.UNKNOWN;
  }
}
