package dev.rnnx.converter.onnx;

import com.google.protobuf.ByteString;
import dev.rnnx.RnnxException;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
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
    String name = proto.getName().isEmpty() ? "tensor" : "tensor '" + proto.getName() + "'";
    ElementType type = ElementType.fromOnnx(proto.getDataType()).orElseThrow(
        () -> new ModelFormatException(name + " has unknown data_type " + proto.getDataType()
            + " (expected " + ElementType.values()[0].onnxCode() + " to "
            + ElementType.values()[ElementType.values().length - 1].onnxCode() + ")"));
    long[] dims = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
    int count;
    int bytes;
    try {
      // both checked before anything is allocated: dims may claim far more than the file holds
      count = (int) Tensor.elementCount(dims);
      bytes = type == ElementType.STRING ? 0 : Tensor.byteSize(type, dims);
    } catch (RnnxException e) {
      throw new ModelFormatException(name + ": " + e.getMessage(), e);
    }
    String what = name + " (" + type + Arrays.toString(dims) + ")";
    if (proto.hasSegment()) {
      throw new ModelFormatException(what + " is segmented; segmented tensors are not supported");
    }
    if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return readExternal(proto, what, type, dims, bytes, external);
    }
    if (type == ElementType.STRING) {
      TypedFields.checkLength(what, "string_data", proto.getStringDataCount(), count);
      String[] values = new String[count];
      for (int i = 0; i < count; i++) {
        values[i] = proto.getStringData(i).toString(StandardCharsets.UTF_8);
      }
      return Tensor.of(values, dims);
    }
    if (proto.hasRawData()) {
      String typed = typedFieldInUse(proto);
      if (typed != null) {
        throw new ModelFormatException(what + ": holds both raw_data and " + typed);
      }
      if (proto.getRawData().size() != bytes) {
        throw new ModelFormatException(what + ": raw_data holds " + proto.getRawData().size()
            + " bytes, expected " + bytes);
      }
      return Tensor.fromBytes(type, dims, proto.getRawData().toByteArray());
    }
    return Tensor.fromBytes(type, dims, TypedFields.decode(proto, what, type, count, bytes));
  }

  /** @return the name of a non-empty typed value field, or null */
  private static String typedFieldInUse(TensorProto p) {
    if (p.getFloatDataCount() > 0) {
      return "float_data";
    } else if (p.getDoubleDataCount() > 0) {
      return "double_data";
    } else if (p.getInt32DataCount() > 0) {
      return "int32_data";
    } else if (p.getInt64DataCount() > 0) {
      return "int64_data";
    } else if (p.getUint64DataCount() > 0) {
      return "uint64_data";
    } else if (p.getStringDataCount() > 0) {
      return "string_data";
    }
    return null;
  }

  private static Tensor readExternal(TensorProto proto, String what, ElementType type,
      long[] dims, int bytes, ExternalData external) {
    if (type == ElementType.STRING) {
      throw new ModelFormatException(what + ": string tensors cannot use external data");
    }
    String location = null;
    long offset = 0;
    Long length = null; // absent: to the end of the file
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
      return Tensor.fromBytes(type, dims, external.read(location, offset, length, bytes));
    } catch (ModelFormatException e) {
      throw new ModelFormatException(what + ": " + e.getMessage(), e);
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
