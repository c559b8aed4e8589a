package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Ops that make a tensor from attributes, shapes or scalars: Constant, Shape, Range, ... */
final class GeneratorRules {
  private GeneratorRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("Constant", c -> ShapeRule.of(ConstantAttributes.type(c.node())));
    rules.put("ConstantOfShape", GeneratorRules::constantOfShape);
    rules.put("Shape", GeneratorRules::shape);
    rules.put("Size", c -> ShapeRule.of(Dims.tensor(ElementType.INT64, List.of())));
    rules.put("Range", GeneratorRules::range);
    rules.put("EyeLike", c -> ShapeRule.of(ElementwiseRules.like(c, 0,
        c.node().attribute("dtype").map(a -> ElementwiseRules.castTarget(a)).orElse(c.elem(0)))));
  }

  private static List<ValueType> constantOfShape(InferenceContext c) {
    Attribute value = c.node().attributes().get("value");
    ElementType type = value == null ? ElementType.FLOAT : value.asTensor().type();
    List<Dim> target = c.values(0);
    if (target == null) {
      List<Dim> shapeDims = c.dims(0);
      Dim rank = shapeDims == null || shapeDims.size() != 1 ? Dim.UNKNOWN : shapeDims.get(0);
      return ShapeRule.of(Dims.tensor(type, rank.isFixed()
          ? Dims.unknown((int) rank.sizeOrMinusOne()) : null));
    }
    for (Dim d : target) {
      if (d.isFixed() && d.sizeOrMinusOne() < 0) {
        throw c.fail("negative dimension in shape " + target);
      }
    }
    return ShapeRule.of(Dims.tensor(type, target));
  }

  private static List<ValueType> shape(InferenceContext c) {
    List<Dim> dims = c.dims(0);
    Dim length = Dim.UNKNOWN;
    if (dims != null) {
      int[] range = shapeRange(c, dims.size());
      length = Dim.of(range[1] - range[0]);
    }
    return ShapeRule.of(Dims.tensor(ElementType.INT64, List.of(length)));
  }

  /**
   * The dims a Shape node reports: all, or from opset 15 those in [start, end).
   *
   * @param c the Shape node's context
   * @param rank its input's rank
   * @return {start, end}, clamped to [0, rank], end not before start
   */
  static int[] shapeRange(InferenceContext c, int rank) {
    Node n = c.node();
    if (c.version() < 15) {
      return new int[] {0, rank};
    }
    int start = clamp(n.intAttr("start", 0), rank);
    int end = clamp(n.intAttr("end", rank), rank);
    return new int[] {start, Math.max(start, end)};
  }

  private static int clamp(long index, int rank) {
    long i = index < 0 ? index + rank : index;
    return (int) Math.max(0, Math.min(rank, i));
  }

  private static List<ValueType> range(InferenceContext c) {
    ElementType type = c.firstElem(0, 1, 2);
    Tensor start = c.constant(0);
    Tensor limit = c.constant(1);
    Tensor delta = c.constant(2);
    Dim n = Dim.UNKNOWN;
    if (start != null && limit != null && delta != null) {
      n = Dim.of(RangeCount.of(start, limit, delta));
    } else if (c.longs(0) != null && c.longs(1) != null && c.longs(2) != null) {
      n = Dim.of(RangeCount.of(scalar(c.longs(0)), scalar(c.longs(1)), scalar(c.longs(2))));
    }
    return ShapeRule.of(Dims.tensor(type, List.of(n)));
  }

  /** An integer Range input computed from shapes: known elements, not a constant. */
  private static Tensor scalar(long[] values) {
    if (values.length != 1) {
      throw new IllegalArgumentException("Range takes scalars, got " + values.length
          + " elements");
    }
    return Tensor.scalar(values[0]);
  }
}
