package dev.rnnx.testdata.builder;

import com.google.protobuf.ByteString;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link Tensor}s as {@code TensorProto}s: numeric data as little-endian
 * {@code raw_data}, strings as {@code string_data}. Written here rather than borrowed from the
 * converter so that models built for tests do not share the converter's encoding code.
 */
public final class TensorEncoder {
  private TensorEncoder() {}

  /**
   * @param tensor the values
   * @param name the tensor's name (an initializer's value name; may be empty inside attributes)
   * @return the proto
   */
  public static TensorProto encode(Tensor tensor, String name) {
    TensorProto.Builder b = TensorProto.newBuilder()
        .setName(name)
        .setDataType(tensor.type().onnxCode());
    for (long d : tensor.shape()) {
      b.addDims(d);
    }
    if (tensor.type() == ElementType.STRING) {
      for (String s : tensor.strings()) {
        b.addStringData(ByteString.copyFrom(s, StandardCharsets.UTF_8));
      }
    } else {
      b.setRawData(ByteString.copyFrom(tensor.toBytes()));
    }
    return b.build();
  }
}
