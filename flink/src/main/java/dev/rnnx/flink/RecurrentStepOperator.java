package dev.rnnx.flink;

import dev.rnnx.RnnxException;
import dev.rnnx.flink.FrameBuffer.Pending;
import dev.rnnx.flink.serde.RecurrentStateSerializer;
import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StepResult;
import dev.rnnx.runtime.StreamBatcher;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Steps keyed streams of frames through a recurrent model, many keys per backend call.
 *
 * <p>Runs on a keyed stream (key = {@link Frame#key()}). Each parallel task loads the model once.
 * Frames are buffered until {@link RecurrentStepConfig#maxBatchFrames()} are waiting or the
 * oldest has waited {@link RecurrentStepConfig#maxBatchDelay()}, then stepped together through a
 * {@link StreamBatcher}: each key's {@link RecurrentState} is read from Flink keyed state, the
 * batch stepped, and the new state written back. The state also carries the key's step count,
 * which numbers its outputs. A key with no state (new, or expired under the idle timeout) starts
 * from the model's initial state at step 0.
 *
 * <p>The buffer is flushed before every checkpoint barrier, at watermarks and at end of input,
 * so checkpoints never hold buffered frames and each key's state and step count in a
 * checkpoint match exactly the outputs emitted before it: after recovery nothing is lost or
 * emitted twice (given a replayable source and a transactional sink).
 *
 * <p>A frame the model refuses (the runtime's {@link IllegalArgumentException}: unknown or
 * missing input name, wrong element type, shape that cannot match the model or the key's state)
 * goes to the {@link RecurrentSteps#REJECTED} side output with the reason and touches no state.
 * Anything else (a backend failure, a saved state that belongs to another model) fails the task.
 */
public final class RecurrentStepOperator extends AbstractStreamOperator<StepOutput>
    implements OneInputStreamOperator<Frame, StepOutput>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  /** Name of the keyed state holding each key's recurrent state. */
  public static final String STATE_NAME = "rnnx-recurrent-state";

  private final StepModel model;
  private final RecurrentStepConfig config;
  private transient StreamBatcher batcher;
  private transient ValueState<RecurrentState> states;
  private transient FrameBuffer buffer;
  private transient boolean timerPending;
  private transient Counter stepped;
  private transient Counter rejected;
  private transient Counter batches;

  /**
   * @param model the model and its step options
   * @param config batching bounds, idle timeout, whether to emit states
   */
  public RecurrentStepOperator(StepModel model, RecurrentStepConfig config) {
    this.model = model;
    this.config = config;
  }

  /** @return the descriptor of the per-key state, with the idle timeout as state TTL */
  static ValueStateDescriptor<RecurrentState> stateDescriptor(RecurrentStepConfig config) {
    ValueStateDescriptor<RecurrentState> d = new ValueStateDescriptor<>(STATE_NAME,
        RecurrentStateSerializer.INSTANCE);
    if (config.idleTimeout() != null) {
      d.enableTimeToLive(StateTtlConfig.newBuilder(config.idleTimeout())
          .updateTtlOnCreateAndWrite().neverReturnExpired().cleanupFullSnapshot().build());
    }
    return d;
  }

  @Override
  public void open() throws Exception {
    super.open();
    batcher = model.openBatcher();
    states = getRuntimeContext().getState(stateDescriptor(config));
    buffer = new FrameBuffer();
    stepped = getMetricGroup().counter("rnnxFramesStepped");
    rejected = getMetricGroup().counter("rnnxFramesRejected");
    batches = getMetricGroup().counter("rnnxBatches");
  }

  @Override
  public void processElement(StreamRecord<Frame> record) throws Exception {
    buffer.add(new Pending(record.getValue(), record.hasTimestamp(), record.getTimestamp()));
    if (buffer.size() >= config.maxBatchFrames() || config.maxBatchDelay().isZero()) {
      flush();
    } else if (!timerPending) {
      timerPending = true;
      long now = getProcessingTimeService().getCurrentProcessingTime();
      getProcessingTimeService().registerTimer(now + config.maxBatchDelay().toMillis(), t -> {
        timerPending = false;
        flush();
      });
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  @Override
  public void close() throws Exception {
    if (batcher != null) {
      batcher.close();
    }
    super.close();
  }

  /** Steps every buffered frame: one backend call per round of distinct keys. */
  private void flush() throws IOException {
    if (buffer.size() == 0) {
      return;
    }
    List<Map<String, Pending>> rounds = buffer.drainRounds();
    Map<String, Boolean> joined = new LinkedHashMap<>(); // key -> stepped at least once
    Map<String, Long> nextStep = new HashMap<>();
    for (Map<String, Pending> round : rounds) {
      Map<String, Map<String, Tensor>> frames = new LinkedHashMap<>();
      for (Map.Entry<String, Pending> e : round.entrySet()) {
        String key = e.getKey();
        if (!joined.containsKey(key)) {
          nextStep.put(key, join(key));
          joined.put(key, false);
        }
        frames.put(key, e.getValue().frame().inputs());
      }
      for (Map.Entry<String, StepResult> r : step(frames, round).entrySet()) {
        String key = r.getKey();
        long step = nextStep.merge(key, 1L, Long::sum) - 1;
        joined.put(key, true);
        Pending p = round.get(key);
        StepOutput out = new StepOutput(key, step, r.getValue().outputs(),
            config.emitStates() ? r.getValue().states() : Map.of());
        output.collect(p.hasTimestamp() ? new StreamRecord<>(out, p.timestamp())
            : new StreamRecord<>(out));
        stepped.inc();
      }
    }
    for (Map.Entry<String, Boolean> e : joined.entrySet()) {
      RecurrentState last = batcher.leave(e.getKey());
      if (e.getValue()) {
        setCurrentKey(e.getKey());
        states.update(last);
      }
    }
  }

  /** Joins a key to the batcher from its saved state, if any; returns its next step index. */
  private long join(String key) throws IOException {
    setCurrentKey(key);
    RecurrentState saved = states.value();
    if (saved == null) {
      batcher.join(key);
      return 0;
    }
    try {
      batcher.join(key, saved);
    } catch (RnnxException e) {
      throw new IllegalStateException("key '" + key + "': its saved state does not fit this"
          + " model (was the job restored with another model or other step options?): "
          + e.getMessage(), e);
    }
    return saved.steps();
  }

  /**
   * Steps a round in one call; when the model refuses it, steps each key alone so that only
   * the refused frames are rejected.
   */
  private Map<String, StepResult> step(Map<String, Map<String, Tensor>> frames,
      Map<String, Pending> round) {
    batches.inc();
    try {
      return batcher.step(frames);
    } catch (IllegalArgumentException batchRefused) {
      if (frames.size() == 1) {
        reject(round.values().iterator().next(), batchRefused);
        return Map.of();
      }
      Map<String, StepResult> results = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Tensor>> e : frames.entrySet()) {
        batches.inc();
        try {
          results.putAll(batcher.step(Map.of(e.getKey(), e.getValue())));
        } catch (IllegalArgumentException refused) {
          reject(round.get(e.getKey()), refused);
        }
      }
      return results;
    }
  }

  private void reject(Pending p, IllegalArgumentException reason) {
    RejectedFrame r = new RejectedFrame(p.frame().key(), p.frame().inputs(), reason.getMessage());
    output.collect(RecurrentSteps.REJECTED, p.hasTimestamp()
        ? new StreamRecord<>(r, p.timestamp()) : new StreamRecord<>(r));
    rejected.inc();
  }
}
