package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import dev.rnnx.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * sequence_lens: a stream that has ended keeps its state, and the final states equal a full
 * run's, which takes them at each sequence's own last step.
 */
class SequenceLensStepTest {
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  @Test
  void endedStreamsKeepTheirStateAndFinalStatesMatchTheFullRun() {
    Model model = RecurrentModels.withSequenceLens("GRU", 31);
    int frames = 7;
    int[] lengths = {7, 4};
    Tensor x = RecurrentModels.random(new Random(8), frames, 2, RecurrentModels.INPUT);
    Tensor yh;
    try (Session s = model.newSession(ORT.session())) {
      yh = s.run(Map.of("X", x, "lens", Tensor.of(lengths, 2))).get("Y_h0"); // [1, 2, 5]
    }
    try (StepSession s = model.newStepSession(ORT)) {
      Tensor state = null;
      for (int t = 0; t < frames; t++) {
        int[] active = {t < lengths[0] ? 1 : 0, t < lengths[1] ? 1 : 0};
        state = s.step(Map.of("X", x.slice0(t).reshape(1, 2, RecurrentModels.INPUT),
            "lens", Tensor.of(active, 2))).state("gru0.initial_h");
      }
      assertEquals("", TensorComparison.mismatch(yh, state, 0, 1e-5).orElse(""));
      List<Tensor> rows = Tensors.split(state, 1, new int[] {1, 1});
      assertEquals("", TensorComparison.mismatch(Tensors.split(yh, 1, new int[] {1, 1}).get(1),
          rows.get(1), 0, 1e-5).orElse(""), "the ended stream kept its state");
    }
  }
}
