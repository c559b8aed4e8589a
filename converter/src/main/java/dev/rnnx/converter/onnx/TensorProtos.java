package dev.rnnx.converter.onnx;

import com.google.protobuf.ByteString;
import dev.rnnx.RnnxException;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Converts between ONNX {@code TensorProto}s and {@link Tensor}s, checking every length. */
public final class TensorProtos {
  private TensorProtos() {}

  /**
   * Reads a serialized {@code TensorProto} file (as the ONNX test data stores inputs/outputs).
   *
   * @param file a {@code .pb} file
   * @return the tensor
   * @throws ModelFormatException when the file is not a valid tensor
   */
  public static Tensor readFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return fromProto(TensorProto.parseFrom(in), new ExternalData(file.getParent()));
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not a TensorProto: " + e.getMessage(), e);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Converts a tensor proto kept in memory; external data is refused.
   *
   * @param proto the proto
   * @return the tensor
   */
  public static Tensor fromProto(TensorProto proto) {
    return fromProto(proto, new ExternalData(null));
  }

  static Tensor fromProto(TensorProto proto, ExternalData external) {
    String what = proto.getName().isEmpty() ? "tensor" : "tensor '" + proto.getName() + "'";
    ElementType type = ElementType.fromOnnx(proto.getDataType()).orElseThrow(
        () -> new ModelFormatException(what + " has unknown data_type " + proto.getDataType()
            + " (expected one of " + Arrays.toString(ElementType.values()) + ")"));
    long[] dims = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
    long count;
    try {
      count = Tensor.elementCount(dims);
    } catch (RnnxException e) {
      throw new ModelFormatException(what + ": " + e.getMessage());
    }
    if (proto.hasSegment()) {
      throw new ModelFormatException(what + " is segmented; segmented tensors are not supported");
    }
    if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return readExternal(proto, what, type, dims, count, external);
    }
    if (type == ElementType.STRING) {
      checkLength(what, "string_data", proto.getStringDataCount(), count);
      String[] values = new String[(int) count];
      for (int i = 0; i < count; i++) {
        values[i] = proto.getStringData(i).toString(StandardCharsets.UTF_8);
      }
      return Tensor.of(values, dims);
    }
    if (proto.hasRawData()) {
      checkLength(what, "raw_data bytes", proto.getRawData().size(), type.byteSize(count));
      return Tensor.fromBytes(type, dims, proto.getRawData().toByteArray());
    }
    return fromTypedFields(proto, what, type, dims, (int) count);
  }

  private static Tensor readExternal(TensorProto proto, String what, ElementType type,
      long[] dims, long count, ExternalData external) {
    if (type == ElementType.STRING) {
      throw new ModelFormatException(what + ": string tensors cannot use external data");
    }
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : proto.getExternalDataList()) {
      try {
        switch (e.getKey()) {
          case "location" -> location = e.getValue();
          case "offset" -> offset = Long.parseLong(e.getValue());
          case "length" -> length = Long.parseLong(e.getValue());
          default -> { } // checksum and others carry no layout
        }
      } catch (NumberFormatException ex) {
        throw new ModelFormatException(what + ": external data " + e.getKey() + " '"
            + e.getValue() + "' is not an integer");
      }
    }
    if (location == null) {
      throw new ModelFormatException(what + ": external data without a location");
    }
    try {
      return Tensor.fromBytes(type, dims,
          external.read(location, offset, length, type.byteSize(count)));
    } catch (ModelFormatException e) {
      throw new ModelFormatException(what + ": " + e.getMessage(), e);
    }
  }

  private static Tensor fromTypedFields(
      TensorProto p, String what, ElementType type, long[] dims, int count) {
    TensorWriter w = new TensorWriter(type, dims);
    switch (type) {
      case FLOAT -> {
        checkLength(what, "float_data", p.getFloatDataCount(), count);
        for (int i = 0; i < count; i++) {
          w.setDouble(i, p.getFloatData(i));
        }
      }
      case COMPLEX64 -> {
        checkLength(what, "float_data", p.getFloatDataCount(), 2L * count);
        return complexFromFloats(p, dims, count);
      }
      case DOUBLE -> {
        checkLength(what, "double_data", p.getDoubleDataCount(), count);
        for (int i = 0; i < count; i++) {
          w.setDouble(i, p.getDoubleData(i));
        }
      }
      case COMPLEX128 -> {
        checkLength(what, "double_data", p.getDoubleDataCount(), 2L * count);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(count * 16)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        p.getDoubleDataList().forEach(b::putDouble);
        return Tensor.fromBytes(type, dims, b.array());
      }
      case INT64 -> {
        checkLength(what, "int64_data", p.getInt64DataCount(), count);
        for (int i = 0; i < count; i++) {
          w.setLong(i, p.getInt64Data(i));
        }
      }
      case UINT32, UINT64 -> {
        checkLength(what, "uint64_data", p.getUint64DataCount(), count);
        for (int i = 0; i < count; i++) {
          w.setLong(i, p.getUint64Data(i));
        }
      }
      case FLOAT16, BFLOAT16, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ,
          FLOAT8E8M0 -> {
        // int32_data holds the raw bit patterns of these types
        checkLength(what, "int32_data", p.getInt32DataCount(), count);
        byte[] raw = new byte[(int) type.byteSize(count)];
        int bytes = type.bits() / 8;
        for (int i = 0; i < count; i++) {
          int bits = p.getInt32Data(i);
          for (int k = 0; k < bytes; k++) {
            raw[i * bytes + k] = (byte) (bits >> (8 * k));
          }
        }
        return Tensor.fromBytes(type, dims, raw);
      }
      case UINT4, INT4, FLOAT4E2M1, UINT2, INT2 -> {
        // int32_data holds the packed bytes, one per entry
        long packed = type.byteSize(count);
        checkLength(what, "int32_data (packed bytes)", p.getInt32DataCount(), packed);
        byte[] raw = new byte[(int) packed];
        for (int i = 0; i < packed; i++) {
          raw[i] = (byte) p.getInt32Data(i);
        }
        return Tensor.fromBytes(type, dims, raw);
      }
      default -> {
        checkLength(what, "int32_data", p.getInt32DataCount(), count);
        for (int i = 0; i < count; i++) {
          w.setLong(i, p.getInt32Data(i));
        }
      }
    }
    return w.build();
  }

  private static Tensor complexFromFloats(TensorProto p, long[] dims, int count) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(count * 8)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    p.getFloatDataList().forEach(b::putFloat);
    return Tensor.fromBytes(ElementType.COMPLEX64, dims, b.array());
  }

  private static void checkLength(String what, String field, long actual, long expected) {
    if (actual != expected) {
      throw new ModelFormatException(what + ": " + field + " holds " + actual
          + " values but its dims and type need " + expected);
    }
  }

  /**
   * Converts a tensor to a proto with raw data (string_data for strings).
   *
   * @param tensor the tensor
   * @param name the proto's name, may be empty
   * @return the proto
   */
  public static TensorProto toProto(Tensor tensor, String name) {
    TensorProto.Builder b = TensorProto.newBuilder()
        .setDataType(tensor.type().onnxCode())
        .setName(name);
    for (long d : tensor.shape()) {
      b.addDims(d);
    }
    if (tensor.type() == ElementType.STRING) {
      tensor.strings().forEach(s -> b.addStringData(ByteString.copyFromUtf8(s)));
    } else {
      b.setRawData(ByteString.copyFrom(tensor.data()));
    }
    return b.build();
  }
}
