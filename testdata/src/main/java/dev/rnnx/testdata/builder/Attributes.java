package dev.rnnx.testdata.builder;

import com.google.protobuf.ByteString;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.tensor.Tensor;
import java.nio.charset.StandardCharsets;

/** Factories for typed {@code AttributeProto}s, one per attribute kind. */
public final class Attributes {
  private Attributes() {}

  /** @return an INT attribute */
  public static AttributeProto ofInt(String name, long value) {
    return base(name, AttributeType.INT).setI(value).build();
  }

  /** @return a FLOAT attribute */
  public static AttributeProto ofFloat(String name, float value) {
    return base(name, AttributeType.FLOAT).setF(value).build();
  }

  /** @return a STRING attribute, UTF-8 encoded */
  public static AttributeProto ofString(String name, String value) {
    return base(name, AttributeType.STRING).setS(utf8(value)).build();
  }

  /** @return an INTS attribute */
  public static AttributeProto ofInts(String name, long... values) {
    AttributeProto.Builder b = base(name, AttributeType.INTS);
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }

  /** @return a FLOATS attribute */
  public static AttributeProto ofFloats(String name, float... values) {
    AttributeProto.Builder b = base(name, AttributeType.FLOATS);
    for (float v : values) {
      b.addFloats(v);
    }
    return b.build();
  }

  /** @return a STRINGS attribute, each UTF-8 encoded */
  public static AttributeProto ofStrings(String name, String... values) {
    AttributeProto.Builder b = base(name, AttributeType.STRINGS);
    for (String v : values) {
      b.addStrings(utf8(v));
    }
    return b.build();
  }

  /** @return a TENSOR attribute (the tensor itself unnamed, as ONNX's helper writes it) */
  public static AttributeProto ofTensor(String name, Tensor value) {
    return base(name, AttributeType.TENSOR).setT(TensorEncoder.encode(value, "")).build();
  }

  /** @return a GRAPH attribute */
  public static AttributeProto ofGraph(String name, GraphProto value) {
    return base(name, AttributeType.GRAPH).setG(value).build();
  }

  private static AttributeProto.Builder base(String name, AttributeType type) {
    return AttributeProto.newBuilder().setName(name).setType(type);
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
