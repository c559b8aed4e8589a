package dev.rnnx.flink.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StateCodec;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The keyed-state serializer: Flink's serializer suite, snapshot compatibility across format
 * versions, clear errors on broken bytes, and files written by the first release that the
 * current code must still read (state written by one version of a job restores in the next).
 */
class RecurrentStateSerializerTest {
  private static final RecurrentStateSerializer SERIALIZER = RecurrentStateSerializer.INSTANCE;

  @Nested
  class SerializerSuite extends SerializerTestBase<RecurrentState> {
    @Override
    protected TypeSerializer<RecurrentState> createSerializer() {
      return SERIALIZER;
    }

    @Override
    protected int getLength() {
      return -1;
    }

    @Override
    protected Class<RecurrentState> getTypeClass() {
      return RecurrentState.class;
    }

    @Override
    protected RecurrentState[] getTestData() {
      return new RecurrentState[] {RecurrentStates.after(0, 1), RecurrentStates.after(4, 2)};
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<RecurrentState> serializer) {
      return true;
    }
  }

  /**
   * Written by RNNX 0.1.0 (state format 1): the serializer's snapshot, and the serializer's
   * bytes for the test LSTM's state after 3 frames of {@code new Random(11)} (see
   * {@link RecurrentStates#after}).
   */
  @Test
  void snapshotAndStateOfTheFirstFormatStillRestore() throws IOException {
    TypeSerializerSnapshot<RecurrentState> old = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(resource("recurrent-state-serializer-snapshot-v1.bin")),
        getClass().getClassLoader());
    assertEquals(1, assertInstanceOf(RecurrentStateSerializerSnapshot.class, old).formatVersion());
    assertTrue(SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(old)
        .isCompatibleAsIs());
    byte[] golden = resource("recurrent-state-v1.bin");
    RecurrentState state = old.restoreSerializer().deserialize(new DataInputDeserializer(golden));
    assertEquals(3, state.steps());
    assertEquals(List.of("lstm0.initial_h", "lstm0.initial_c", "lstm1.initial_h",
        "lstm1.initial_c"), List.copyOf(state.tensors().keySet()));
    for (Tensor t : state.tensors().values()) {
      assertArrayEquals(new long[] {1, 1, 5}, t.shape());
    }
    assertArrayEquals(golden, serialize(state), "the current serializer writes the same bytes");
  }

  @Test
  void compatibilityFollowsTheStateFormatVersion() {
    TypeSerializerSnapshot<RecurrentState> current = SERIALIZER.snapshotConfiguration();
    assertTrue(current.resolveSchemaCompatibility(
        new RecurrentStateSerializerSnapshot(StateCodec.VERSION)).isCompatibleAsIs());
    assertTrue(current.resolveSchemaCompatibility(
        new RecurrentStateSerializerSnapshot(StateCodec.VERSION - 1)).isCompatibleAfterMigration(),
        "an older format is read and rewritten in the current one");
    TypeSerializerSchemaCompatibility<RecurrentState> newer = current.resolveSchemaCompatibility(
        new RecurrentStateSerializerSnapshot(StateCodec.VERSION + 1));
    assertTrue(newer.isIncompatible(), "state of a newer RNNX is refused before it is read");
  }

  @Test
  void snapshotRoundTripsAndUnknownSnapshotVersionsAreRefused() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
    TypeSerializerSnapshot<RecurrentState> back = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertEquals(StateCodec.VERSION, ((RecurrentStateSerializerSnapshot) back).formatVersion());
    IOException e = assertThrows(IOException.class, () -> new RecurrentStateSerializerSnapshot()
        .readSnapshot(7, new DataInputDeserializer(new byte[4]), getClass().getClassLoader()));
    assertEquals("RNNX recurrent state serializer snapshot version 7 is unknown (this RNNX reads"
        + " version 1)", e.getMessage());
  }

  @Test
  void corruptedBytesRaiseAClearError() throws IOException {
    byte[] good = serialize(RecurrentStates.after(2, 5));
    byte[] flipped = good.clone();
    flipped[flipped.length / 2] ^= 0x10;
    assertEquals("cannot read RNNX recurrent state from Flink state: state bytes are corrupted"
        + " (CRC-32 mismatch)", deserializeError(flipped));
    byte[] foreign = good.clone();
    foreign[4] = 'X'; // first magic byte, after the i32 length
    assertEquals("cannot read RNNX recurrent state from Flink state: not RNNX state bytes"
        + " (expected magic RNNXSTAT)", deserializeError(foreign));
    byte[] future = good.clone();
    ByteBuffer.wrap(future, 12, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 9);
    assertEquals("cannot read RNNX recurrent state from Flink state: state format version 9 is"
        + " not supported (this RNNX reads version 1)", deserializeError(future));
    byte[] negative = good.clone();
    ByteBuffer.wrap(negative).putInt(-3);
    assertEquals("corrupted RNNX recurrent state in Flink state: it claims -3 bytes",
        deserializeError(negative));
  }

  private static String deserializeError(byte[] bytes) {
    return assertThrows(IOException.class, () -> SERIALIZER.deserialize(
        new DataInputDeserializer(bytes))).getMessage();
  }

  private static byte[] serialize(RecurrentState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    SERIALIZER.serialize(state, out);
    return out.getCopyOfBuffer();
  }

  private byte[] resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/serde/" + name)) {
      return in.readAllBytes();
    }
  }
}
