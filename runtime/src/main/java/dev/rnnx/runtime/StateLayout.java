package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state and frame inputs of a prepared step model, their declared types, and how initial
 * states are made and checked. Shared by {@link StepSession} and {@link StreamBatcher}.
 */
final class StateLayout {
  final List<StatePair> pairs;
  final Map<String, TensorSpec> stateSpecs; // by state input, in pair order
  final Map<String, TensorSpec> frameSpecs; // inputs fed each step
  private final Map<String, Tensor> modelInitial;
  private final Map<String, String> sequenceLens; // state input -> frame input of lengths

  StateLayout(StepPreparation.Prepared prepared, Session session) {
    this.pairs = prepared.pairs();
    this.modelInitial = prepared.modelInitial();
    this.sequenceLens = prepared.sequenceLens();
    Set<String> stateInputs = pairs.stream().map(StatePair::input).collect(Collectors.toSet());
    Map<String, TensorSpec> byName = new HashMap<>();
    session.inputs().forEach(s -> byName.put(s.name(), s));
    this.stateSpecs = new LinkedHashMap<>();
    pairs.forEach(p -> stateSpecs.put(p.input(), byName.get(p.input())));
    this.frameSpecs = new LinkedHashMap<>();
    session.requiredInputs().stream().filter(s -> !stateInputs.contains(s.name()))
        .forEach(s -> frameSpecs.put(s.name(), s));
  }

  /** Refuses frames that try to set state inputs. */
  void checkFrameNames(Map<String, Tensor> frame) {
    for (String name : frame.keySet()) {
      if (stateSpecs.containsKey(name)) {
        throw new IllegalArgumentException("input '" + name + "' is state carried by the"
            + " session; use restore() to set it (frame inputs: "
            + String.join(", ", frameSpecs.keySet()) + ")");
      }
    }
  }

  /**
   * The initial state: the model's own values where it has them, else zeros whose symbolic
   * dims take their sizes from frame inputs naming the same symbol (1 when none does).
   */
  Map<String, Tensor> initialState(Map<String, Tensor> frame) {
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

  /**
   * Checks a snapshot fits these state inputs.
   *
   * @throws RnnxException INVALID_STATE naming what does not fit
   */
  void checkFits(RecurrentState snapshot, String fingerprint) {
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
    for (int i = 0; i < t.rank(); i++) {
      if (spec.dims().get(i) instanceof Dim.Fixed f && f.size() != t.dim(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The next state taken from a run's outputs. Rows of a streamed recurrence whose sequence
   * length in this frame was 0 have ended: they keep their previous state (the recurrence
   * itself would output zeros for them).
   */
  Map<String, Tensor> nextState(Map<String, Tensor> outputs, Map<String, Tensor> frame,
      Map<String, Tensor> previous) {
    Map<String, Tensor> next = new LinkedHashMap<>();
    for (StatePair p : pairs) {
      Tensor value = outputs.get(p.output());
      String lensInput = sequenceLens.get(p.input());
      if (lensInput != null && frame.containsKey(lensInput)) {
        value = keepEndedRows(previous.get(p.input()), value, frame.get(lensInput));
      }
      next.put(p.input(), value);
    }
    return next;
  }

  /** Recurrent states are [num_directions, batch, hidden]: copy back rows whose length is 0. */
  private static Tensor keepEndedRows(Tensor previous, Tensor next, Tensor lengths) {
    int batch = Math.toIntExact(next.dim(1));
    int[] ones = new int[batch];
    java.util.Arrays.fill(ones, 1);
    List<Tensor> prevRows = dev.rnnx.tensor.Tensors.split(previous, 1, ones);
    List<Tensor> nextRows = new java.util.ArrayList<>(dev.rnnx.tensor.Tensors.split(next, 1,
        ones));
    boolean any = false;
    for (int b = 0; b < batch; b++) {
      if (lengths.getLong(b) == 0) {
        nextRows.set(b, prevRows.get(b));
        any = true;
      }
    }
    return any ? dev.rnnx.tensor.Tensors.concat(nextRows, 1) : next;
  }
}
