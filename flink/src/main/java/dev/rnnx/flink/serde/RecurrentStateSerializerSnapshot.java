package dev.rnnx.flink.serde;

import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint or savepoint records about {@link RecurrentStateSerializer}: the
 * {@link StateCodec} format version its states were written in. On restore, a state written in
 * this RNNX's format is compatible as is; one written in an older format is read by the codec
 * (which reads every earlier version it supports) and rewritten in the current one (migration);
 * one written by a newer RNNX is incompatible, and Flink refuses the restore before reading any
 * state.
 */
public final class RecurrentStateSerializerSnapshot
    implements TypeSerializerSnapshot<RecurrentState> {
  private static final int SNAPSHOT_VERSION = 1;

  private int formatVersion;

  /** Used by Flink when it reads a snapshot; {@link #readSnapshot} fills it in. */
  public RecurrentStateSerializerSnapshot() {}

  /** @param formatVersion the state byte format version the serializer writes */
  public RecurrentStateSerializerSnapshot(int formatVersion) {
    this.formatVersion = formatVersion;
  }

  /** @return the state byte format version recorded */
  public int formatVersion() {
    return formatVersion;
  }

  @Override
  public int getCurrentVersion() {
    return SNAPSHOT_VERSION;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeInt(formatVersion);
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
      throws IOException {
    if (readVersion != SNAPSHOT_VERSION) {
      throw new IOException("RNNX recurrent state serializer snapshot version " + readVersion
          + " is unknown (this RNNX reads version " + SNAPSHOT_VERSION + ")");
    }
    formatVersion = in.readInt();
  }

  @Override
  public TypeSerializer<RecurrentState> restoreSerializer() {
    return RecurrentStateSerializer.INSTANCE;
  }

  @Override
  public TypeSerializerSchemaCompatibility<RecurrentState> resolveSchemaCompatibility(
      TypeSerializerSnapshot<RecurrentState> oldSnapshot) {
    if (!(oldSnapshot instanceof RecurrentStateSerializerSnapshot old)
        || old.formatVersion > formatVersion) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    return old.formatVersion == formatVersion
        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
  }
}
