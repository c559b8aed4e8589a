package dev.rnnx.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.runtime.StepSession;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a single-process StepSession gives for one stream, and comparisons against it. */
public final class Reference {
  /** Tolerance for outputs of the same model on the same backend. */
  public static final double ATOL = 1e-6;

  private Reference() {}

  /**
   * @param model the model
   * @param frames one stream's frames, in order
   * @return each step's outputs, by output name
   */
  public static List<Map<String, Tensor>> outputs(StepModel model,
      List<Map<String, Tensor>> frames) {
    List<Map<String, Tensor>> outputs = new ArrayList<>();
    try (StepSession session = model.model().newStepSession(model.options())) {
      for (Map<String, Tensor> f : frames) {
        outputs.add(session.step(f).outputs());
      }
    }
    return outputs;
  }

  /**
   * @param model the model
   * @param streams each stream's frames, in order, by key
   * @return each stream's outputs stacked per step along a new axis 0, by key, then output name
   */
  public static Map<String, Map<String, Tensor>> stacked(StepModel model,
      Map<String, List<Map<String, Tensor>>> streams) {
    Map<String, Map<String, Tensor>> result = new java.util.TreeMap<>();
    try (StepSession session = model.model().newStepSession(model.options())) {
      for (Map.Entry<String, List<Map<String, Tensor>>> e : streams.entrySet()) {
        session.reset();
        Map<String, List<Tensor>> steps = new java.util.LinkedHashMap<>();
        for (Map<String, Tensor> f : e.getValue()) {
          session.step(f).outputs().forEach((name, t) ->
              steps.computeIfAbsent(name, n -> new ArrayList<>()).add(t));
        }
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        steps.forEach((name, list) -> out.put(name, Tensor.stack(list)));
        result.put(e.getKey(), out);
      }
    }
    return result;
  }

  /**
   * @param expected the reference
   * @param actual what was emitted
   * @param what names the value in the message
   */
  public static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals("", TensorComparison.mismatch(expected, actual, 0, ATOL).orElse(""), what);
  }
}
