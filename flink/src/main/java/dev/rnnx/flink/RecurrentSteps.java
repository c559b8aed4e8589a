package dev.rnnx.flink;

import dev.rnnx.flink.serde.RecordTypes;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Adds recurrent stepping to a Flink job:
 *
 * <pre>{@code
 * SingleOutputStreamOperator<StepOutput> outputs = RecurrentSteps.apply(frames,
 *     StepModel.load(Path.of("vad.onnx")), RecurrentStepConfig.defaults()).uid("vad-step");
 * DataStream<RejectedFrame> rejected = outputs.getSideOutput(RecurrentSteps.REJECTED);
 * }</pre>
 *
 * Give the operator a stable {@code uid} so savepoints map its state after the job changes.
 */
public final class RecurrentSteps {
  /** The side output of frames the model refused, with the reason. */
  public static final OutputTag<RejectedFrame> REJECTED = new OutputTag<>("rnnx-rejected",
      RecordTypes.REJECTED_FRAME);

  private RecurrentSteps() {}

  /**
   * Keys the frames by {@link Frame#key()} and steps them through the model.
   *
   * @param frames each stream's frames, in order per key
   * @param model the model and its step options
   * @param config batching bounds, idle timeout, whether to emit states
   * @return one output per stepped frame; refused frames on the {@link #REJECTED} side output
   */
  public static SingleOutputStreamOperator<StepOutput> apply(DataStream<Frame> frames,
      StepModel model, RecurrentStepConfig config) {
    return frames.keyBy(Frame::key, Types.STRING).transform("rnnx-step", RecordTypes.STEP_OUTPUT,
        new RecurrentStepOperator(model, config));
  }
}
