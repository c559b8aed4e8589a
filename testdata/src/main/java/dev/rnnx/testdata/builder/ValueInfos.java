package dev.rnnx.testdata.builder;

import dev.rnnx.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnnx.onnx.proto.OnnxProto.TypeProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.ElementType;

/** Builds tensor-typed {@code ValueInfoProto}s from an element type and a mixed list of dims. */
public final class ValueInfos {
  private ValueInfos() {}

  /**
   * A tensor value description.
   *
   * @param name the value's name
   * @param type its element type
   * @param dims each an {@link Integer} or {@link Long} (a fixed size) or a {@link String} (a
   *     symbolic dim such as {@code "batch"}); {@code null} or {@code "?"} for an unnamed unknown
   *     dim
   * @return the value info
   * @throws IllegalArgumentException for a negative size or a dim of another class
   */
  public static ValueInfoProto tensor(String name, ElementType type, Object... dims) {
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(tensorType(type, dims))
        .build();
  }

  /**
   * A tensor type with a shape.
   *
   * @param type the element type
   * @param dims as for {@link #tensor}
   * @return the type
   */
  public static TypeProto tensorType(ElementType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      shape.addDim(dim(d));
    }
    return TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(type.onnxCode())
            .setShape(shape))
        .build();
  }

  /**
   * A tensor type of unknown rank (no shape field at all), as exporters write for values whose
   * rank they cannot infer.
   *
   * @param type the element type
   * @return the type
   */
  public static TypeProto unrankedTensorType(ElementType type) {
    return TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.onnxCode()))
        .build();
  }

  private static TensorShapeProto.Dimension dim(Object d) {
    TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
    if (d == null || "?".equals(d)) {
      return b.build(); // neither dim_value nor dim_param: unknown and unnamed
    }
    if (d instanceof String param) {
      return b.setDimParam(param).build();
    }
    if (d instanceof Integer || d instanceof Long) {
      long size = ((Number) d).longValue();
      if (size < 0) {
        throw new IllegalArgumentException("negative dim " + size);
      }
      return b.setDimValue(size).build();
    }
    throw new IllegalArgumentException(
        "a dim is an Integer, a Long or a String, not " + d.getClass().getSimpleName());
  }
}
