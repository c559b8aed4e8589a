package dev.rnnx.flink.serde;

import dev.rnnx.RnnxException;
import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link RecurrentState}s for Flink keyed state: an i32 length, then the state's own
 * versioned bytes ({@link RecurrentState#toBytes()}, see {@link StateCodec}), which carry a
 * magic number, the format version, the model fingerprint, the step count and a CRC-32. Bytes
 * that fail those checks raise an {@link IOException} saying what is wrong.
 */
public final class RecurrentStateSerializer extends ImmutableRecordSerializer<RecurrentState> {
  private static final long serialVersionUID = 1L;
  /** The one instance (the serializer is stateless). */
  public static final RecurrentStateSerializer INSTANCE = new RecurrentStateSerializer();
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private RecurrentStateSerializer() {}

  /** @return null: a state exists only for a model, and keyed state needs no empty instance */
  @Override
  public RecurrentState createInstance() {
    return null;
  }

  @Override
  public void serialize(RecurrentState state, DataOutputView target) throws IOException {
    byte[] bytes = state.toBytes();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public RecurrentState deserialize(DataInputView source) throws IOException {
    int length = source.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("corrupted RNNX recurrent state in Flink state: it claims "
          + length + " bytes");
    }
    byte[] bytes = new byte[length];
    source.readFully(bytes);
    try {
      return RecurrentState.fromBytes(bytes);
    } catch (RnnxException e) {
      throw new IOException("cannot read RNNX recurrent state from Flink state: "
          + e.getMessage(), e);
    }
  }

  @Override
  public TypeSerializerSnapshot<RecurrentState> snapshotConfiguration() {
    return new RecurrentStateSerializerSnapshot(StateCodec.VERSION);
  }
}
