package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stateful session: feed one frame at a time, get this frame's outputs and every hidden state
 * after it, while the session carries the state between calls. Snapshots ({@link #state()}) are
 * immutable and may be restored into any session of the same prepared model. Holds native
 * resources: close it. One thread at a time; one session per stream.
 */
public final class StepSession implements AutoCloseable {
  private final Session session;
  private final StateLayout layout;
  private final String fingerprint;
  private Map<String, Tensor> state; // current state by state input; null until first needed
  private long steps;
  private boolean closed;

  StepSession(StepPreparation.Prepared prepared, SessionOptions options) {
    this.session = Session.open(prepared.model(), options);
    this.layout = new StateLayout(prepared, session);
    this.fingerprint = prepared.fingerprint();
  }

  /**
   * Feeds one frame.
   *
   * @param frame a tensor for every frame input (state inputs are supplied by the session)
   * @return this frame's outputs and the state after it
   * @throws IllegalArgumentException for an unknown, missing or ill-shaped input; the state is
   *     left as it was
   */
  public StepResult step(Map<String, Tensor> frame) {
    ensureOpen();
    layout.checkFrameNames(frame);
    Map<String, Tensor> current = state != null ? state : layout.initialState(frame);
    Map<String, Tensor> feeds = new java.util.HashMap<>(frame);
    feeds.putAll(current);
    Map<String, Tensor> outputs = session.run(feeds);
    Map<String, Tensor> next = layout.nextState(outputs, frame, current);
    state = next;
    steps++;
    return new StepResult(outputs, next);
  }

  /**
   * Feeds one frame to a model with a single frame input.
   *
   * @param frame the frame
   * @return this frame's outputs and the state after it
   */
  public StepResult step(Tensor frame) {
    if (layout.frameSpecs.size() != 1) {
      throw new IllegalArgumentException("step(Tensor) needs a model with one frame input; this"
          + " one has " + layout.frameSpecs.size() + ": " + String.join(", ", layout.frameSpecs.keySet()));
    }
    return step(Map.of(layout.frameSpecs.keySet().iterator().next(), frame));
  }

  /** @return an immutable snapshot of the current state */
  public RecurrentState state() {
    ensureOpen();
    return new RecurrentState(fingerprint, steps, state != null ? state : layout.initialState(Map.of()));
  }

  /**
   * Replaces the current state with a snapshot.
   *
   * @param snapshot a state of a session of the same prepared model
   * @throws RnnxException with code INVALID_STATE when the snapshot belongs to another model
   *     or its tensors do not fit; the session is left as it was
   */
  public void restore(RecurrentState snapshot) {
    ensureOpen();
    layout.checkFits(snapshot, fingerprint);
    state = new LinkedHashMap<>(snapshot.tensors());
    steps = snapshot.steps();
  }

  /** Returns to the initial state: the model's own initial values, else zeros. */
  public void reset() {
    ensureOpen();
    state = null;
    steps = 0;
  }

  /** @return the state pairs in use (input = the state input, output = its next value) */
  public List<StatePair> statePairs() {
    return layout.pairs;
  }

  /** @return the inputs fed at each step */
  public List<TensorSpec> frameInputs() {
    return List.copyOf(layout.frameSpecs.values());
  }

  /** @return the outputs every step returns */
  public List<TensorSpec> outputs() {
    return session.outputs();
  }

  /** @return the backend running this session */
  public String backendName() {
    return session.backendName();
  }

  /** @return the number of steps taken since creation, reset or restore */
  public long steps() {
    return steps;
  }

  private void ensureOpen() {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, "step session is closed");
    }
  }

  /** Releases the backend's native resources; later calls throw. */
  @Override
  public void close() {
    closed = true;
    session.close();
  }

  @Override
  public String toString() {
    return "StepSession(" + backendName() + ", states " + layout.pairs + ", frame inputs "
        + Arrays.toString(layout.frameSpecs.keySet().toArray()) + ")";
  }
}
