package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Operators whose output has an input's shape, or the broadcast of their inputs' shapes. */
final class ElementwiseRules {
  /** Output like input 0 (activations, unary math, per-element normalizations). */
  private static final List<String> UNARY = List.of("Abs", "Acos", "Acosh", "Asin", "Asinh",
      "Atan", "Atanh", "BitwiseNot", "Ceil", "Celu", "Clip", "Cos", "Cosh", "CumProd", "CumSum",
      "Elu", "Erf", "Exp", "Floor", "Gelu", "GroupNormalization", "HardSigmoid", "HardSwish",
      "Hardmax", "InstanceNormalization", "LRN", "LeakyRelu", "Log", "LogSoftmax",
      "LpNormalization", "MeanVarianceNormalization", "Mish", "Neg", "Not", "PRelu",
      "Reciprocal", "Relu", "ReverseSequence", "RMSNormalization", "Round", "Selu", "Shrink",
      "Sigmoid", "Sign", "Sin", "Sinh", "Softmax", "Softplus", "Softsign", "Sqrt", "Swish",
      "Tan", "Tanh", "ThresholdedRelu", "Trilu");
  /** Broadcasting ops whose output has their first input's element type. */
  private static final List<String> ARITHMETIC = List.of("Add", "Sub", "Mul", "Div", "Pow",
      "Mod", "Min", "Max", "Sum", "Mean", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor");
  /** Broadcasting ops with a bool output. */
  private static final List<String> LOGICAL = List.of("Equal", "Less", "Greater",
      "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor");
  /** Ops that broadcast only from opset 7; before, B was broadcast to A's shape. */
  private static final List<String> LEGACY_BROADCAST = List.of("Add", "Sub", "Mul", "Div", "Pow",
      "Equal", "Less", "Greater", "And", "Or", "Xor");

  private ElementwiseRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    UNARY.forEach(op -> rules.put(op, c -> ShapeRule.of(like(c, 0, c.elem(0)))));
    ARITHMETIC.forEach(op -> rules.put(op, c -> ShapeRule.of(broadcast(c, c.elem(0)))));
    LOGICAL.forEach(op -> rules.put(op, c -> ShapeRule.of(broadcast(c, ElementType.BOOL))));
    rules.put("IsNaN", c -> ShapeRule.of(like(c, 0, ElementType.BOOL)));
    rules.put("IsInf", c -> ShapeRule.of(like(c, 0, ElementType.BOOL)));
    rules.put("Identity", c -> ShapeRule.of(c.type(0)));
    rules.put("Cast", c -> ShapeRule.of(like(c, 0, castTarget(c.node().attributes().get("to")))));
    rules.put("CastLike", c -> ShapeRule.of(like(c, 0, c.elem(1))));
    rules.put("Where", c -> ShapeRule.of(broadcast(c, c.firstElem(1, 2))));
    rules.put("Dropout", c -> ShapeRule.of(like(c, 0, c.elem(0)),
        like(c, 0, c.version() >= 10 ? ElementType.BOOL : c.elem(0))));
  }

  /** @return input {@code i}'s shape with another element type */
  static ValueType like(InferenceContext c, int i, ElementType type) {
    return Dims.tensor(type, c.dims(i));
  }

  private static ValueType broadcast(InferenceContext c, ElementType type) {
    if (c.version() < 7 && LEGACY_BROADCAST.contains(c.node().opType())) {
      return like(c, 0, type);
    }
    List<List<Dim>> shapes = new ArrayList<>();
    for (int i = 0; i < c.inputCount(); i++) {
      List<Dim> d = c.dims(i);
      if (d == null) {
        return Dims.tensor(type, null);
      }
      shapes.add(d);
    }
    return Dims.tensor(type, Broadcasting.dims(shapes));
  }

  /** Cast's {@code to}: a type number, or (Cast-1) a type name such as {@code FLOAT}. */
  static ElementType castTarget(Attribute to) {
    if (to == null) {
      throw new IllegalArgumentException("Cast needs the 'to' attribute");
    }
    if (to.kind() == Attribute.Kind.STRING) {
      return ElementType.valueOf(to.asString().toUpperCase(Locale.ROOT));
    }
    return ElementType.fromOnnx((int) to.asInt()).orElseThrow(
        () -> new IllegalArgumentException("unknown element type " + to.asInt()));
  }
}
