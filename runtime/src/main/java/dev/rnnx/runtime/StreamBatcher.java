package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps many independent streams in one backend call: their frames and states are stacked
 * along the batch axis, run once, and the results cut back per stream. Streams join and leave
 * at any step and each keeps its own state; results equal stepping each stream alone. The
 * batch axis of every input, state and output is the one its declared shape marks with the
 * batch symbol (the symbolic dim frame inputs and states share, e.g. {@code batch}). One
 * thread at a time.
 */
public final class StreamBatcher implements AutoCloseable {
  private final Session session;
  private final StateLayout layout;
  private final String fingerprint;
  private final Map<String, Integer> batchAxes; // every input and output name -> its batch axis
  private final Map<String, Map<String, Tensor>> states = new LinkedHashMap<>(); // stream -> state
  private final Map<String, Long> steps = new HashMap<>();
  private boolean closed;

  StreamBatcher(StepPreparation.Prepared prepared, SessionOptions options) {
    this.session = Session.open(prepared.model(), options);
    this.layout = new StateLayout(prepared, session);
    this.fingerprint = prepared.fingerprint();
    this.batchAxes = batchAxes();
  }

  private Map<String, Integer> batchAxes() {
    List<TensorSpec> all = new ArrayList<>(layout.frameSpecs.values());
    all.addAll(layout.stateSpecs.values());
    String symbol = batchSymbol();
    Map<String, Integer> axes = new HashMap<>();
    List<TensorSpec> specs = new ArrayList<>(all);
    specs.addAll(session.outputs());
    for (TensorSpec s : specs) {
      int axis = s.dims() == null ? -1 : s.dims().indexOf(Dim.of(symbol));
      if (axis < 0) {
        throw new RnnxException(ErrorCode.UNSUPPORTED, "cannot batch streams: '" + s.name()
            + "' (" + s.describe() + ") has no '" + symbol + "' dim to stack streams along");
      }
      axes.put(s.name(), axis);
    }
    return axes;
  }

  /** The symbolic dim that every frame input and state names: the batch. */
  private String batchSymbol() {
    Set<String> shared = null;
    List<TensorSpec> specs = new ArrayList<>(layout.frameSpecs.values());
    specs.addAll(layout.stateSpecs.values());
    for (TensorSpec s : specs) {
      Set<String> symbols = new java.util.LinkedHashSet<>();
      if (s.dims() != null) {
        s.dims().stream().filter(d -> d instanceof Dim.Symbolic)
            .forEach(d -> symbols.add(((Dim.Symbolic) d).name()));
      }
      if (shared == null) {
        shared = symbols;
      } else {
        shared.retainAll(symbols);
      }
    }
    if (shared == null || shared.size() != 1) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "cannot batch streams: the frame inputs"
          + " and states must share exactly one symbolic (batch) dim, they share "
          + (shared == null ? "none" : shared));
    }
    return shared.iterator().next();
  }

  /**
   * Adds a stream, starting from the model's initial state.
   *
   * @param stream a new stream id
   */
  public void join(String stream) {
    ensureOpen();
    if (states.containsKey(stream)) {
      throw new IllegalArgumentException("stream '" + stream + "' has already joined");
    }
    states.put(stream, null);
    steps.put(stream, 0L);
  }

  /**
   * Adds a stream that continues from a snapshot.
   *
   * @param stream a new stream id
   * @param state a state of the same prepared model
   */
  public void join(String stream, RecurrentState state) {
    layout.checkFits(state, fingerprint);
    join(stream);
    states.put(stream, new LinkedHashMap<>(state.tensors()));
    steps.put(stream, state.steps());
  }

  /**
   * Removes a stream.
   *
   * @param stream a joined stream
   * @return its last state
   */
  public RecurrentState leave(String stream) {
    RecurrentState last = state(stream);
    states.remove(stream);
    steps.remove(stream);
    return last;
  }

  /** @return the ids of the joined streams, in joining order */
  public Set<String> streams() {
    return java.util.Collections.unmodifiableSet(states.keySet());
  }

  /**
   * @param stream a joined stream
   * @return a snapshot of its state
   */
  public RecurrentState state(String stream) {
    ensureOpen();
    requireJoined(stream);
    return new RecurrentState(fingerprint, steps.get(stream), stateOf(stream, Map.of()));
  }

  /**
   * Steps some of the joined streams, all in one backend call. Streams not named keep their
   * state.
   *
   * @param frames each stepping stream's frame, by stream id
   * @return each stepping stream's result, by stream id
   * @throws IllegalArgumentException for an unknown stream or a bad frame; no state changes
   */
  public Map<String, StepResult> step(Map<String, Map<String, Tensor>> frames) {
    ensureOpen();
    if (frames.isEmpty()) {
      return Map.of();
    }
    List<String> ids = new ArrayList<>(frames.keySet());
    Map<String, List<Tensor>> columns = new LinkedHashMap<>();
    int[] sizes = new int[ids.size()];
    for (int k = 0; k < ids.size(); k++) {
      String id = ids.get(k);
      requireJoined(id);
      Map<String, Tensor> frame = frames.get(id);
      layout.checkFrameNames(frame);
      if (!frame.keySet().equals(layout.frameSpecs.keySet())) {
        throw new IllegalArgumentException("stream '" + id + "' gives " + frame.keySet()
            + "; each frame needs exactly " + layout.frameSpecs.keySet());
      }
      Map<String, Tensor> state = stateOf(id, frame);
      Map<String, Tensor> feeds = new LinkedHashMap<>(frame);
      feeds.putAll(state);
      sizes[k] = -1;
      for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
        int batch = Math.toIntExact(e.getValue().dim(batchAxes.get(e.getKey())));
        if (sizes[k] >= 0 && sizes[k] != batch) {
          throw new IllegalArgumentException("stream '" + id + "': '" + e.getKey()
              + "' has batch " + batch + ", other inputs " + sizes[k]);
        }
        sizes[k] = batch;
        columns.computeIfAbsent(e.getKey(), n -> new ArrayList<>()).add(e.getValue());
      }
    }
    Map<String, Tensor> batched = new HashMap<>();
    columns.forEach((name, parts) -> batched.put(name, concat(name, parts)));
    Map<String, Tensor> outputs = session.run(batched);
    Map<String, List<Tensor>> perStream = new HashMap<>();
    outputs.forEach((name, t) -> perStream.put(name, Tensors.split(t, batchAxes.get(name),
        sizes)));
    Map<String, StepResult> results = new LinkedHashMap<>();
    for (int k = 0; k < ids.size(); k++) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (String name : outputs.keySet()) {
        out.put(name, perStream.get(name).get(k));
      }
      Map<String, Tensor> next = layout.nextState(out, frames.get(ids.get(k)), stateOf(ids.get(k),
          frames.get(ids.get(k))));
      states.put(ids.get(k), next);
      steps.merge(ids.get(k), 1L, Long::sum);
      results.put(ids.get(k), new StepResult(out, next));
    }
    return results;
  }

  private Map<String, Tensor> stateOf(String stream, Map<String, Tensor> frame) {
    Map<String, Tensor> s = states.get(stream);
    return s != null ? s : layout.initialState(frame);
  }

  private Tensor concat(String name, List<Tensor> parts) {
    try {
      return Tensors.concat(parts, batchAxes.get(name));
    } catch (RnnxException e) {
      throw new IllegalArgumentException("input '" + name + "': frames of the streams differ"
          + " beyond the batch axis: " + e.getMessage(), e);
    }
  }

  private void requireJoined(String stream) {
    if (!states.containsKey(stream)) {
      throw new IllegalArgumentException("stream '" + stream + "' has not joined (joined: "
          + states.keySet().stream().limit(10).toList() + (states.size() > 10 ? ", ..." : "")
          + ")");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, "stream batcher is closed");
    }
  }

  /** @return the backend running the batches */
  public String backendName() {
    return session.backendName();
  }

  /** Releases the backend's native resources; later calls throw. */
  @Override
  public void close() {
    closed = true;
    session.close();
  }
}
