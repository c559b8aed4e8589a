package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The byte format of a {@link RecurrentState}, version 1. All integers little-endian:
 *
 * <pre>
 * magic        8 bytes  "RNNXSTAT"
 * version      u16      1
 * fingerprint  u16 length + UTF-8 bytes
 * steps        i64
 * count        u32      number of tensors
 * per tensor:  u16 name length + UTF-8 name, u8 ONNX element type, u8 rank,
 *              rank x i64 dims, u32 data length + data (packed little-endian, as ONNX raw data)
 * crc32        u32      CRC-32 of every byte before it
 * </pre>
 */
public final class StateCodec {
  /** The current format version. */
  public static final int VERSION = 1;
  private static final byte[] MAGIC = "RNNXSTAT".getBytes(StandardCharsets.US_ASCII);

  private StateCodec() {}

  static byte[] encode(RecurrentState state) {
    byte[] fingerprint = state.modelFingerprint().getBytes(StandardCharsets.UTF_8);
    int size = MAGIC.length + 2 + 2 + fingerprint.length + 8 + 4 + 4;
    for (Map.Entry<String, Tensor> e : state.tensors().entrySet()) {
      size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 2
          + 8 * e.getValue().rank() + 4 + e.getValue().data().remaining();
    }
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) VERSION);
    b.putShort((short) fingerprint.length).put(fingerprint);
    b.putLong(state.steps());
    b.putInt(state.tensors().size());
    for (Map.Entry<String, Tensor> e : state.tensors().entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      Tensor t = e.getValue();
      b.putShort((short) name.length).put(name);
      b.put((byte) t.type().onnxCode()).put((byte) t.rank());
      for (long d : t.shape()) {
        b.putLong(d);
      }
      ByteBuffer data = t.data();
      b.putInt(data.remaining()).put(data);
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  static RecurrentState decode(byte[] bytes) {
    if (bytes.length < MAGIC.length + 2 + 4) {
      throw invalid("state bytes are truncated (" + bytes.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw invalid("not RNNX state bytes (expected magic RNNXSTAT)");
    }
    int version = b.getShort() & 0xffff;
    if (version != VERSION) {
      throw invalid("state format version " + version + " is not supported (this RNNX reads"
          + " version " + VERSION + ")");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN)
        .getInt();
    if (stored != (int) crc.getValue()) {
      throw invalid("state bytes are corrupted (CRC-32 mismatch)");
    }
    try {
      ByteBuffer body = ByteBuffer.wrap(bytes, 0, bytes.length - 4).slice()
          .order(ByteOrder.LITTLE_ENDIAN);
      body.position(MAGIC.length + 2);
      String fingerprint = string(body, body.getShort() & 0xffff);
      long steps = body.getLong();
      long count = body.getInt() & 0xffffffffL;
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (long i = 0; i < count; i++) {
        String name = string(body, body.getShort() & 0xffff);
        int code = body.get() & 0xff;
        ElementType type = ElementType.fromOnnx(code).filter(t -> t != ElementType.STRING)
            .orElseThrow(() -> invalid("state '" + name + "' has unknown element type " + code));
        int rank = body.get() & 0xff;
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
          shape[d] = body.getLong();
        }
        int length = body.getInt();
        if (length < 0 || length > body.remaining()) {
          throw invalid("state '" + name + "' claims " + length + " bytes, "
              + body.remaining() + " remain");
        }
        byte[] data = new byte[length];
        body.get(data);
        try {
          tensors.put(name, Tensor.fromBytes(type, shape, data));
        } catch (RnnxException e) {
          throw invalid("state '" + name + "': " + e.getMessage());
        }
      }
      if (body.hasRemaining()) {
        throw invalid("state bytes have " + body.remaining() + " bytes after the last tensor");
      }
      return new RecurrentState(fingerprint, steps, tensors);
    } catch (BufferUnderflowException e) {
      throw invalid("state bytes are truncated");
    }
  }

  private static String string(ByteBuffer b, int length) {
    if (length > b.remaining()) {
      throw invalid("state bytes are truncated");
    }
    byte[] s = new byte[length];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static RnnxException invalid(String message) {
    return new RnnxException(ErrorCode.INVALID_STATE, message);
  }
}
