package dev.rnnx.flink.serde;

import dev.rnnx.flink.RejectedFrame;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes {@link RejectedFrame}s: the key, the inputs (see {@link TensorCodec}), then the
 * reason.
 */
public final class RejectedFrameSerializer extends ImmutableRecordSerializer<RejectedFrame> {
  private static final long serialVersionUID = 1L;
  /** The one instance (the serializer is stateless). */
  public static final RejectedFrameSerializer INSTANCE = new RejectedFrameSerializer();

  private RejectedFrameSerializer() {}

  @Override
  public RejectedFrame createInstance() {
    return new RejectedFrame("", Map.of(), "");
  }

  @Override
  public void serialize(RejectedFrame r, DataOutputView target) throws IOException {
    StringValue.writeString(r.key(), target);
    TensorCodec.writeMap(r.inputs(), target);
    StringValue.writeString(r.reason(), target);
  }

  @Override
  public RejectedFrame deserialize(DataInputView source) throws IOException {
    String key = TensorCodec.readString(source, "rejected frame");
    String what = "rejected frame of key '" + key + "'";
    return new RejectedFrame(key, TensorCodec.readMap(source, what),
        TensorCodec.readString(source, what));
  }

  @Override
  public TypeSerializerSnapshot<RejectedFrame> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: compatible as long as it is this class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RejectedFrame> {
    /** Used by Flink when it reads a snapshot. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
