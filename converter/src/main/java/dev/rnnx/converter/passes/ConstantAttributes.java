package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.SparseTensor;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.List;

/** What a {@code Constant} node produces, from whichever of its value attributes it carries. */
final class ConstantAttributes {
  private ConstantAttributes() {}

  /**
   * @param node a Constant node
   * @return its value, or null for a {@code sparse_value} (which only has a type here)
   * @throws dev.rnnx.converter.onnx.ModelFormatException when no value attribute is set
   */
  static Tensor value(Node node) {
    Attribute a = valueAttribute(node);
    return switch (a.name()) {
      case "value" -> a.asTensor();
      case "value_float" -> Tensor.scalar(a.asFloat());
      case "value_floats" -> {
        float[] v = a.asFloats();
        yield Tensor.of(v, v.length);
      }
      case "value_int" -> Tensor.scalar(a.asInt());
      case "value_ints" -> {
        long[] v = a.asInts();
        yield Tensor.of(v, v.length);
      }
      case "value_string" -> Tensor.scalar(a.asString());
      case "value_strings" -> {
        List<String> v = a.asStrings();
        yield Tensor.of(v.toArray(new String[0]), v.size());
      }
      default -> null; // sparse_value
    };
  }

  /**
   * @param node a Constant node
   * @return the type of its output
   */
  static ValueType.TensorType type(Node node) {
    Attribute a = valueAttribute(node);
    if (a.name().equals("sparse_value")) {
      SparseTensor s = (SparseTensor) a.value();
      long[] dims = s.dims().stream().mapToLong(Long::longValue).toArray();
      return ValueType.tensor(s.values().type(), Shape.of(dims));
    }
    Tensor t = value(node);
    return ValueType.tensor(t.type(), Shape.of(t.shape()));
  }

  private static Attribute valueAttribute(Node node) {
    for (String name : List.of("value", "value_float", "value_floats", "value_int",
        "value_ints", "value_string", "value_strings", "sparse_value")) {
      Attribute a = node.attributes().get(name);
      if (a != null) {
        return a;
      }
    }
    throw NodeErrors.format(node, "a Constant needs one of the value attributes, found "
        + node.attributes().keySet());
  }
}
