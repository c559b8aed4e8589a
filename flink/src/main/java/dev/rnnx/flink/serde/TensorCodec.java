package dev.rnnx.flink.serde;

import dev.rnnx.RnnxException;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The wire form of tensors and named tensor maps inside the record serializers, big-endian as
 * Flink's views write:
 *
 * <pre>
 * map:    i32 count, then count x (string name, tensor)
 * tensor: u8 ONNX element type, u8 rank, rank x i64 dims,
 *         numeric: i32 byte length + packed little-endian data (as ONNX raw data)
 *         STRING:  one string per element
 * string: Flink's StringValue encoding
 * </pre>
 */
final class TensorCodec {
  private static final int MAX_RANK = 64;
  private static final int MAX_TENSORS = 1 << 16;

  private TensorCodec() {}

  static void writeMap(Map<String, Tensor> tensors, DataOutputView out) throws IOException {
    out.writeInt(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      StringValue.writeString(e.getKey(), out);
      write(e.getValue(), out);
    }
  }

  static Map<String, Tensor> readMap(DataInputView in, String record) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_TENSORS) {
      throw corrupted(record, "claims " + count + " tensors");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = readString(in, record);
      tensors.put(name, read(in, record + " tensor '" + name + "'"));
    }
    return tensors;
  }

  static String readString(DataInputView in, String record) throws IOException {
    String s = StringValue.readString(in);
    if (s == null) {
      throw corrupted(record, "holds a null string");
    }
    return s;
  }

  private static void write(Tensor t, DataOutputView out) throws IOException {
    out.writeByte(t.type().onnxCode());
    out.writeByte(t.rank());
    for (long d : t.shape()) {
      out.writeLong(d);
    }
    if (t.type() == ElementType.STRING) {
      for (String s : t.strings()) {
        StringValue.writeString(s, out);
      }
    } else {
      byte[] data = t.toBytes();
      out.writeInt(data.length);
      out.write(data);
    }
  }

  private static Tensor read(DataInputView in, String what) throws IOException {
    int code = in.readUnsignedByte();
    ElementType type = ElementType.fromOnnx(code)
        .orElseThrow(() -> corrupted(what, "has unknown element type code " + code));
    int rank = in.readUnsignedByte();
    if (rank > MAX_RANK) {
      throw corrupted(what, "claims rank " + rank);
    }
    long[] shape = new long[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = in.readLong();
    }
    try {
      if (type == ElementType.STRING) {
        int n = Math.toIntExact(Tensor.elementCount(shape));
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          strings.add(readString(in, what));
        }
        return Tensor.of(strings.toArray(String[]::new), shape);
      }
      int expected = Tensor.byteSize(type, shape);
      int length = in.readInt();
      if (length != expected) {
        throw corrupted(what, "is " + type + Arrays.toString(shape) + " (" + expected
            + " bytes) but claims " + length + " bytes");
      }
      byte[] data = new byte[length];
      in.readFully(data);
      return Tensor.adopt(type, shape, data);
    } catch (RnnxException e) {
      throw corrupted(what, e.getMessage());
    }
  }

  static IOException corrupted(String what, String detail) {
    return new IOException("corrupted RNNX " + what + ": " + detail);
  }
}
