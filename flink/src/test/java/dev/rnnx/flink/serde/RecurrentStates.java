package dev.rnnx.flink.serde;

import dev.rnnx.flink.StepModel;
import dev.rnnx.flink.TestModels;
import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StepSession;
import java.util.Map;
import java.util.Random;

/** Real recurrent states of the test model. */
final class RecurrentStates {
  private RecurrentStates() {}

  /**
   * @param steps frames to step
   * @param seed input seed
   * @return the test LSTM's state after that many random frames
   */
  static RecurrentState after(int steps, long seed) {
    StepModel model = TestModels.lstm();
    Random r = new Random(seed);
    try (StepSession s = model.model().newStepSession(model.options())) {
      for (int t = 0; t < steps; t++) {
        s.step(Map.of("X", TestModels.random(r, 1, 1, TestModels.INPUT)));
      }
      return s.state();
    }
  }
}
