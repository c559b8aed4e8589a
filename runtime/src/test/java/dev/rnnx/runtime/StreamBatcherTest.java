package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batched streams give what each stream gives stepped alone, as streams join and leave. */
class StreamBatcherTest {
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  @Test
  void batchedStreamsEqualStreamsSteppedAlone() {
    Model model = RecurrentModels.stacked("LSTM", 2, true, Map.of(), 21);
    int streams = 5;
    int frames = 6;
    Random r = new Random(9);
    Tensor[] inputs = new Tensor[streams];
    for (int s = 0; s < streams; s++) {
      inputs[s] = RecurrentModels.random(r, frames, 1, RecurrentModels.INPUT);
    }
    // alone: each stream in its own session; stream s is active for steps [s/2, s/2 + 3]
    Map<String, Tensor[]> alone = new HashMap<>();
    for (int s = 0; s < streams; s++) {
      try (StepSession session = model.newStepSession(ORT)) {
        Tensor[] logits = new Tensor[frames];
        for (int t = start(s); t <= end(s, frames); t++) {
          logits[t] = session.step(frame(inputs[s], t)).output("logits");
        }
        alone.put("s" + s, logits);
      }
    }
    try (StreamBatcher batcher = model.newStreamBatcher(ORT)) {
      for (int t = 0; t < frames; t++) {
        Map<String, Map<String, Tensor>> step = new LinkedHashMap<>();
        for (int s = 0; s < streams; s++) {
          if (t == start(s)) {
            batcher.join("s" + s);
          }
          if (t >= start(s) && t <= end(s, frames)) {
            step.put("s" + s, frame(inputs[s], t));
          }
        }
        Map<String, StepResult> results = batcher.step(step);
        for (Map.Entry<String, StepResult> e : results.entrySet()) {
          Tensor expected = alone.get(e.getKey())[t];
          assertEquals("", TensorComparison.mismatch(expected, e.getValue().output("logits"),
              0, 1e-5).orElse(""), e.getKey() + " at step " + t);
        }
        for (int s = 0; s < streams; s++) {
          if (t == end(s, frames)) {
            batcher.leave("s" + s);
          }
        }
      }
      assertEquals(0, batcher.streams().size());
    }
  }

  @Test
  void unknownStreamIsRefused() {
    Model model = RecurrentModels.stacked("GRU", 1, false, Map.of(), 2);
    try (StreamBatcher batcher = model.newStreamBatcher(ORT)) {
      batcher.join("a");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
          batcher.step(Map.of("b", frame(RecurrentModels.random(new Random(1), 1, 1, 4), 0))));
      assertEquals("stream 'b' has not joined (joined: [a])", e.getMessage());
    }
  }

  private static int start(int s) {
    return s / 2;
  }

  private static int end(int s, int frames) {
    return Math.min(frames - 1, s / 2 + 3);
  }

  private static Map<String, Tensor> frame(Tensor x, int t) {
    return Map.of("X", x.slice0(t).reshape(1, x.dim(1), x.dim(2)));
  }
}
