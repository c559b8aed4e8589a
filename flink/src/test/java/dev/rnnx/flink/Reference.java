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
   * @param expected the reference
   * @param actual what was emitted
   * @param what names the value in the message
   */
  public static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals("", TensorComparison.mismatch(expected, actual, 0, ATOL).orElse(""), what);
  }
}
