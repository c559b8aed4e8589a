package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Scan over time is streamed: its state variables become session state. */
class ScanStreamingTest {
  @Test
  void scan9SumSteppedEqualsTheReference() {
    // test_scan9_sum: state "initial" [2], scan input "x" [3, 2]; y = final sum, z = running sums
    OnnxTestCase c = NodeTests.get("test_scan9_sum");
    Model model = Model.load(c.model());
    List<Tensor> in = OnnxTestCase.tensors(c.dataSets().get(0), "input");
    List<Tensor> out = OnnxTestCase.tensors(c.dataSets().get(0), "output");
    try (StepSession s = model.newStepSession(StepOptions.defaults()
        .backend(BackendChoice.ORT))) {
      assertEquals(List.of(new StatePair("initial", "y")), s.statePairs());
      s.restore(withState(s, in.get(0)));
      Tensor x = in.get(1);
      for (int t = 0; t < x.dim(0); t++) {
        StepResult r = s.step(Map.of("x", x.slice0(t).reshape(1, x.dim(1))));
        assertEquals("", TensorComparison.mismatch(out.get(1).slice0(t), r.output("z").slice0(0),
            1e-6, 0).orElse(""), "running sum at step " + t);
      }
      assertEquals("", TensorComparison.mismatch(out.get(0), s.state().tensors().get("initial"),
          1e-6, 0).orElse(""));
    }
  }

  /** A snapshot of this session with the given initial sum. */
  private static RecurrentState withState(StepSession s, Tensor initial) {
    RecurrentState fresh = s.state();
    return new RecurrentState(fresh.modelFingerprint(), 0, Map.of("initial", initial));
  }
}
