package dev.rnnx.flink.serde;

import dev.rnnx.flink.Frame;
import dev.rnnx.flink.RejectedFrame;
import dev.rnnx.flink.StepOutput;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The Flink type information of RNNX's records. */
public final class RecordTypes {
  /** {@link Frame}s, by {@link FrameSerializer}. */
  public static final TypeInformation<Frame> FRAME = new RecordTypeInfo<>(Frame.class,
      FrameSerializer.INSTANCE);
  /** {@link StepOutput}s, by {@link StepOutputSerializer}. */
  public static final TypeInformation<StepOutput> STEP_OUTPUT = new RecordTypeInfo<>(
      StepOutput.class, StepOutputSerializer.INSTANCE);
  /** {@link RejectedFrame}s, by {@link RejectedFrameSerializer}. */
  public static final TypeInformation<RejectedFrame> REJECTED_FRAME = new RecordTypeInfo<>(
      RejectedFrame.class, RejectedFrameSerializer.INSTANCE);

  private RecordTypes() {}
}
