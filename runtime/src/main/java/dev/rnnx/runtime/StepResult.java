package dev.rnnx.runtime;

import dev.rnnx.tensor.Tensor;
import java.util.Map;

/**
 * What one step produced: every model output of this frame (next-state outputs included) and
 * the session's state after it, keyed by state input name.
 *
 * @param outputs every graph output by name, in graph order
 * @param states the state after this step, by state input name
 */
public record StepResult(Map<String, Tensor> outputs, Map<String, Tensor> states) {
  /** Copies the maps. */
  public StepResult {
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
  }

  /**
   * @param name an output name
   * @return that output
   * @throws IllegalArgumentException listing the outputs when there is none of that name
   */
  public Tensor output(String name) {
    Tensor t = outputs.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no output '" + name + "' (outputs: "
          + String.join(", ", outputs.keySet()) + ")");
    }
    return t;
  }

  /**
   * @param input a state input name
   * @return the state it will receive at the next step
   */
  public Tensor state(String input) {
    Tensor t = states.get(input);
    if (t == null) {
      throw new IllegalArgumentException("no state '" + input + "' (states: "
          + String.join(", ", states.keySet()) + ")");
    }
    return t;
  }
}
