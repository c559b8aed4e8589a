package dev.rnnx.runtime;

import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link StepSession} runs: backend and threads, inputs bound to constants for the
 * session's lifetime, and explicit state pairs. Immutable; each method returns a changed copy.
 */
public final class StepOptions {
  private final SessionOptions session;
  private final Map<String, Tensor> constants;
  private final List<StatePair> states;

  private StepOptions(SessionOptions session, Map<String, Tensor> constants,
      List<StatePair> states) {
    this.session = session;
    this.constants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    this.states = List.copyOf(states);
  }

  /** @return the defaults: backend auto, no constants, state pairs found automatically */
  public static StepOptions defaults() {
    return new StepOptions(SessionOptions.defaults(), Map.of(), List.of());
  }

  /**
   * @param choice the backend
   * @return a copy using that backend
   */
  public StepOptions backend(BackendChoice choice) {
    return new StepOptions(session.withBackend(choice), constants, states);
  }

  /**
   * @param count intra-op threads; 0 for the backend's default
   * @return a copy using that many threads
   */
  public StepOptions threads(int count) {
    return new StepOptions(session.withThreads(count), constants, states);
  }

  /**
   * Binds an input to a value for the session's lifetime (e.g. a sample rate); the converter
   * may then fold constants and prune If branches that depend on it.
   *
   * @param input the graph input's name
   * @param value its value
   * @return a copy with the binding
   */
  public StepOptions constant(String input, Tensor value) {
    Map<String, Tensor> c = new LinkedHashMap<>(constants);
    c.put(Objects.requireNonNull(input), Objects.requireNonNull(value));
    return new StepOptions(session, c, states);
  }

  /**
   * Pairs a state input with the output carrying its next value. Inputs not paired explicitly
   * are paired by naming convention where they look like state.
   *
   * @param input the graph input, e.g. {@code h_prev}
   * @param output the graph output, e.g. {@code h_next}
   * @return a copy with the pair
   */
  public StepOptions state(String input, String output) {
    List<StatePair> s = new ArrayList<>(states);
    s.add(new StatePair(Objects.requireNonNull(input), Objects.requireNonNull(output)));
    return new StepOptions(session, constants, s);
  }

  /** @return the backend and thread options */
  public SessionOptions session() {
    return session;
  }

  /** @return the bound constants by input name */
  public Map<String, Tensor> constants() {
    return constants;
  }

  /** @return the explicit state pairs */
  public List<StatePair> states() {
    return states;
  }
}
