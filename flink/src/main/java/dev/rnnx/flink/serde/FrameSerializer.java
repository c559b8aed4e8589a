package dev.rnnx.flink.serde;

import dev.rnnx.flink.Frame;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes {@link Frame}s: the key, then the input tensors (see {@link TensorCodec}). */
public final class FrameSerializer extends ImmutableRecordSerializer<Frame> {
  private static final long serialVersionUID = 1L;
  /** The one instance (the serializer is stateless). */
  public static final FrameSerializer INSTANCE = new FrameSerializer();

  private FrameSerializer() {}

  @Override
  public Frame createInstance() {
    return new Frame("", Map.of());
  }

  @Override
  public void serialize(Frame frame, DataOutputView target) throws IOException {
    StringValue.writeString(frame.key(), target);
    TensorCodec.writeMap(frame.inputs(), target);
  }

  @Override
  public Frame deserialize(DataInputView source) throws IOException {
    String key = TensorCodec.readString(source, "frame");
    return new Frame(key, TensorCodec.readMap(source, "frame of key '" + key + "'"));
  }

  @Override
  public TypeSerializerSnapshot<Frame> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: compatible as long as it is this class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Frame> {
    /** Used by Flink when it reads a snapshot. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
