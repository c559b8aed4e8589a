package dev.rnnx.flink.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.flink.Frame;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Broken record bytes are refused with a message naming the record and what is wrong. */
class RecordCorruptionTest {
  @Test
  void brokenFrameBytesNameTheRecordAndTheFault() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    FrameSerializer.INSTANCE.serialize(Frame.of("k", "X", Tensor.of(new float[] {1, 2}, 2)), out);
    byte[] good = out.getCopyOfBuffer();
    // layout: key "k" (2 bytes), i32 count, name "X" (2 bytes), u8 type, u8 rank, i64 dim, ...
    byte[] type = good.clone();
    type[8] = 99;
    assertEquals("corrupted RNNX frame of key 'k' tensor 'X': has unknown element type code 99",
        error(type));
    byte[] dim = good.clone();
    dim[17] = 3; // the dim's low byte: 3 floats, but 8 bytes follow
    assertEquals("corrupted RNNX frame of key 'k' tensor 'X': is float[3] (12 bytes) but claims"
        + " 8 bytes", error(dim));
    byte[] count = good.clone();
    count[2] = (byte) 0x80;
    assertEquals("corrupted RNNX frame of key 'k': claims -2147483647 tensors", error(count));
  }

  private static String error(byte[] bytes) {
    return assertThrows(IOException.class, () -> FrameSerializer.INSTANCE.deserialize(
        new DataInputDeserializer(bytes))).getMessage();
  }
}
