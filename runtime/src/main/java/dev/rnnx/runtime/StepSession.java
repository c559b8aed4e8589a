package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stateful session: feed one frame at a time, get this frame's outputs and every hidden state
 * after it, while the session carries the state between calls. Snapshots ({@link #state()}) are
 * immutable and may be restored into any session of the same prepared model. Holds native
 * resources: close it. One thread at a time; one session per stream.
 */
public final class StepSession implements AutoCloseable {
  private final Session session;
  private final List<StatePair> pairs;
  private final Map<String, TensorSpec> stateSpecs; // by state input
  private final Map<String, TensorSpec> frameSpecs; // inputs fed each step
  private final Map<String, Tensor> modelInitial;
  private final String fingerprint;
  private Map<String, Tensor> state; // current state by state input; null until materialized
  private long steps;
  private boolean closed;

  StepSession(StepPreparation.Prepared prepared, SessionOptions options) {
    this.session = Session.open(prepared.model(), options);
    this.pairs = prepared.pairs();
    this.modelInitial = prepared.modelInitial();
    this.fingerprint = prepared.fingerprint();
    Set<String> stateInputs = pairs.stream().map(StatePair::input).collect(Collectors.toSet());
    Map<String, TensorSpec> byName = new HashMap<>();
    session.inputs().forEach(s -> byName.put(s.name(), s));
    this.stateSpecs = new LinkedHashMap<>();
    pairs.forEach(p -> stateSpecs.put(p.input(), byName.get(p.input())));
    this.frameSpecs = new LinkedHashMap<>();
    session.requiredInputs().stream().filter(s -> !stateInputs.contains(s.name()))
        .forEach(s -> frameSpecs.put(s.name(), s));
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
    for (String name : frame.keySet()) {
      if (stateSpecs.containsKey(name)) {
        throw new IllegalArgumentException("input '" + name + "' is state carried by the"
            + " session; use restore() to set it (frame inputs: "
            + String.join(", ", frameSpecs.keySet()) + ")");
      }
    }
    Map<String, Tensor> current = state != null ? state : initialState(frame);
    Map<String, Tensor> feeds = new HashMap<>(frame);
    feeds.putAll(current);
    Map<String, Tensor> outputs = session.run(feeds);
    Map<String, Tensor> next = new LinkedHashMap<>();
    for (StatePair p : pairs) {
      next.put(p.input(), outputs.get(p.output()));
    }
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
    if (frameSpecs.size() != 1) {
      throw new IllegalArgumentException("step(Tensor) needs a model with one frame input; this"
          + " one has " + frameSpecs.size() + ": " + String.join(", ", frameSpecs.keySet()));
    }
    return step(Map.of(frameSpecs.keySet().iterator().next(), frame));
  }

  /** @return an immutable snapshot of the current state */
  public RecurrentState state() {
    ensureOpen();
    return new RecurrentState(fingerprint, steps, state != null ? state : initialState(Map.of()));
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
    if (!snapshot.modelFingerprint().equals(fingerprint)) {
      throw new RnnxException(ErrorCode.INVALID_STATE, "the state belongs to another model"
          + " (fingerprint " + snapshot.modelFingerprint() + ", this session's " + fingerprint
          + ")");
    }
    if (!snapshot.tensors().keySet().equals(stateSpecs.keySet())) {
      throw new RnnxException(ErrorCode.INVALID_STATE, "the state holds "
          + snapshot.tensors().keySet() + ", this session expects " + stateSpecs.keySet());
    }
    for (Map.Entry<String, Tensor> e : snapshot.tensors().entrySet()) {
      TensorSpec spec = stateSpecs.get(e.getKey());
      if (!fits(spec, e.getValue())) {
        throw new RnnxException(ErrorCode.INVALID_STATE, "state '" + e.getKey() + "' is "
            + e.getValue().describe() + ", expected " + spec.describe());
      }
    }
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
    return pairs;
  }

  /** @return the inputs fed at each step */
  public List<TensorSpec> frameInputs() {
    return List.copyOf(frameSpecs.values());
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

  /**
   * The initial state: the model's own values where it has them, else zeros whose symbolic
   * dims take their sizes from frame inputs naming the same symbol (1 when none does).
   */
  private Map<String, Tensor> initialState(Map<String, Tensor> frame) {
    Map<String, Long> symbols = new HashMap<>();
    for (Map.Entry<String, Tensor> e : frame.entrySet()) {
      TensorSpec spec = frameSpecs.get(e.getKey());
      if (spec != null && spec.dims() != null && spec.dims().size() == e.getValue().rank()) {
        for (int axis = 0; axis < spec.dims().size(); axis++) {
          if (spec.dims().get(axis) instanceof Dim.Symbolic s) {
            symbols.putIfAbsent(s.name(), e.getValue().dim(axis));
          }
        }
      }
    }
    Map<String, Tensor> initial = new LinkedHashMap<>();
    for (Map.Entry<String, TensorSpec> e : stateSpecs.entrySet()) {
      Tensor own = modelInitial.get(e.getKey());
      if (own != null) {
        initial.put(e.getKey(), own);
        continue;
      }
      TensorSpec spec = e.getValue();
      if (spec.type() == null || spec.dims() == null) {
        throw new RnnxException(ErrorCode.UNSUPPORTED, "state input '" + e.getKey()
            + "' declares no element type or rank, so its initial value is unknown; restore()"
            + " a state first");
      }
      long[] shape = spec.dims().stream().mapToLong(d -> d instanceof Dim.Fixed f ? f.size()
          : d instanceof Dim.Symbolic s ? symbols.getOrDefault(s.name(), 1L) : 1L).toArray();
      initial.put(e.getKey(), Tensor.zeros(spec.type(), shape));
    }
    return initial;
  }

  private static boolean fits(TensorSpec spec, Tensor t) {
    if (spec == null || (spec.type() != null && spec.type() != t.type())) {
      return false;
    }
    if (spec.dims() == null) {
      return true;
    }
    if (spec.dims().size() != t.rank()) {
      return false;
    }
    long[] shape = t.shape();
    for (int i = 0; i < shape.length; i++) {
      if (spec.dims().get(i) instanceof Dim.Fixed f && f.size() != shape[i]) {
        return false;
      }
    }
    return true;
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
    return "StepSession(" + backendName() + ", states " + pairs + ", frame inputs "
        + Arrays.toString(frameSpecs.keySet().toArray()) + ")";
  }
}
