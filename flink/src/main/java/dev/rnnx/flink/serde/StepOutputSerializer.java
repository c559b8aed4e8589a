package dev.rnnx.flink.serde;

import dev.rnnx.flink.StepOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes {@link StepOutput}s: the key, the i64 step, the outputs, then the states (see
 * {@link TensorCodec}).
 */
public final class StepOutputSerializer extends ImmutableRecordSerializer<StepOutput> {
  private static final long serialVersionUID = 1L;
  /** The one instance (the serializer is stateless). */
  public static final StepOutputSerializer INSTANCE = new StepOutputSerializer();

  private StepOutputSerializer() {}

  @Override
  public StepOutput createInstance() {
    return new StepOutput("", 0, Map.of(), Map.of());
  }

  @Override
  public void serialize(StepOutput out, DataOutputView target) throws IOException {
    StringValue.writeString(out.key(), target);
    target.writeLong(out.step());
    TensorCodec.writeMap(out.outputs(), target);
    TensorCodec.writeMap(out.states(), target);
  }

  @Override
  public StepOutput deserialize(DataInputView source) throws IOException {
    String key = TensorCodec.readString(source, "step output");
    long step = source.readLong();
    String what = "step " + step + " output of key '" + key + "'";
    return new StepOutput(key, step, TensorCodec.readMap(source, what),
        TensorCodec.readMap(source, what));
  }

  @Override
  public TypeSerializerSnapshot<StepOutput> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer has no configuration: compatible as long as it is this class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<StepOutput> {
    /** Used by Flink when it reads a snapshot. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
