package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Stepping a streamed whole-sequence model one frame at a time equals one run over all. */
class StepSessionTest {
  private static final int T = 7;
  private static final int BATCH = 2;
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  private static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals("", TensorComparison.mismatch(expected, actual, 0, 1e-5).orElse(""), what);
  }

  @ParameterizedTest(name = "{0} x{1} head={2} linear_before_reset={3}")
  @CsvSource({"LSTM,1,false,-1", "LSTM,2,true,-1", "GRU,1,false,0", "GRU,1,true,1",
      "GRU,2,false,1", "RNN,1,true,-1", "RNN,2,false,-1"})
  void stepEqualsFullRun(String op, int layers, boolean head, int linearBeforeReset) {
    Map<String, Attribute> extra = linearBeforeReset < 0 ? Map.of()
        : Map.of("linear_before_reset", Attribute.of("linear_before_reset", linearBeforeReset));
    Model model = RecurrentModels.stacked(op, layers, head, extra, 42);
    Tensor x = RecurrentModels.random(new Random(7), T, BATCH, RecurrentModels.INPUT);
    Map<String, Tensor> full;
    try (Session s = model.newSession(ORT.session())) {
      full = s.run(Map.of("X", x));
    }
    try (StepSession step = model.newStepSession(ORT)) {
      assertEquals(layers * (op.equals("LSTM") ? 2 : 1), step.statePairs().size());
      List<Map<String, Tensor>> perStep = new ArrayList<>();
      for (int t = 0; t < T; t++) {
        perStep.add(step.step(Map.of("X", x.slice0(t).reshape(1, BATCH,
            RecurrentModels.INPUT))).outputs());
      }
      for (String output : full.keySet()) {
        Tensor whole = full.get(output);
        for (int t = 0; t < T; t++) {
          Tensor frame = perStep.get(t).get(output);
          assertClose(whole.slice0(t), frame.slice0(0), output + " at step " + t);
        }
      }
    }
  }

  @Test
  void snapshotRestoreContinuesBitIdentically() {
    Model model = RecurrentModels.stacked("LSTM", 2, true, Map.of(), 3);
    Tensor x = RecurrentModels.random(new Random(11), T, 1, RecurrentModels.INPUT);
    try (StepSession a = model.newStepSession(ORT); StepSession b = model.newStepSession(ORT)) {
      for (int t = 0; t < 3; t++) {
        a.step(frame(x, t));
      }
      RecurrentState snapshot = RecurrentState.fromBytes(a.state().toBytes());
      b.restore(snapshot);
      for (int t = 3; t < T; t++) {
        StepResult ra = a.step(frame(x, t));
        StepResult rb = b.step(frame(x, t));
        assertEquals(ra.outputs(), rb.outputs(), "step " + t);
        assertEquals(ra.states(), rb.states(), "step " + t);
      }
      a.reset();
      b.reset();
      assertEquals(a.state(), b.state());
      assertEquals(0, a.steps());
    }
  }

  @Test
  void resetGivesTheFreshContinuation() {
    Model model = RecurrentModels.stacked("GRU", 1, false, Map.of(), 5);
    Tensor x = RecurrentModels.random(new Random(2), T, 1, RecurrentModels.INPUT);
    try (StepSession s = model.newStepSession(ORT)) {
      Tensor first = s.step(frame(x, 0)).output("Y0");
      s.step(frame(x, 1));
      s.reset();
      assertEquals(first, s.step(frame(x, 0)).output("Y0"));
    }
  }

  @Test
  void corruptedOrForeignStateIsRefusedAndLeavesTheSessionAsItWas() {
    Model model = RecurrentModels.stacked("LSTM", 1, false, Map.of(), 8);
    Model other = RecurrentModels.stacked("LSTM", 1, false, Map.of(), 9);
    Tensor x = RecurrentModels.random(new Random(4), T, 1, RecurrentModels.INPUT);
    try (StepSession s = model.newStepSession(ORT); StepSession o = other.newStepSession(ORT)) {
      s.step(frame(x, 0));
      RecurrentState before = s.state();
      byte[] bytes = before.toBytes();
      bytes[bytes.length / 2] ^= 0x10;
      RnnxException corrupted = assertThrows(RnnxException.class,
          () -> RecurrentState.fromBytes(bytes));
      assertEquals(RnnxException.ErrorCode.INVALID_STATE, corrupted.code());
      assertTrue(corrupted.getMessage().contains("CRC-32"), corrupted.getMessage());
      RnnxException truncated = assertThrows(RnnxException.class,
          () -> RecurrentState.fromBytes(java.util.Arrays.copyOf(before.toBytes(), 20)));
      assertEquals(RnnxException.ErrorCode.INVALID_STATE, truncated.code());
      RnnxException foreign = assertThrows(RnnxException.class, () -> s.restore(o.state()));
      assertTrue(foreign.getMessage().startsWith("the state belongs to another model"),
          foreign.getMessage());
      assertEquals(before, s.state());
    }
  }

  @Test
  void badFrameLeavesStateUnchanged() {
    Model model = RecurrentModels.stacked("RNN", 1, false, Map.of(), 1);
    Tensor x = RecurrentModels.random(new Random(4), T, 1, RecurrentModels.INPUT);
    try (StepSession s = model.newStepSession(ORT)) {
      s.step(frame(x, 0));
      RecurrentState before = s.state();
      assertThrows(IllegalArgumentException.class,
          () -> s.step(Map.of("X", Tensor.zeros(dev.rnnx.tensor.ElementType.FLOAT, 1, 1, 9))));
      assertThrows(IllegalArgumentException.class,
          () -> s.step(Map.of("Q", Tensor.zeros(dev.rnnx.tensor.ElementType.FLOAT, 1, 1, 4))));
      assertEquals(before, s.state());
      assertArrayEquals(new long[] {1, 1, RecurrentModels.HIDDEN},
          before.tensors().values().iterator().next().shape());
    }
  }

  @Test
  void bidirectionalCannotBeStreamed() {
    Model model = RecurrentModels.stacked("GRU", 1, false,
        Map.of("direction", Attribute.of("direction", "reverse")), 1);
    RnnxException e = assertThrows(RnnxException.class, () -> model.newStepSession(ORT));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code());
    assertTrue(e.getMessage().startsWith("node 'gru0' (GRU) runs reverse"), e.getMessage());
  }

  private static Map<String, Tensor> frame(Tensor x, int t) {
    return Map.of("X", x.slice0(t).reshape(1, x.dim(1), x.dim(2)));
  }
}
