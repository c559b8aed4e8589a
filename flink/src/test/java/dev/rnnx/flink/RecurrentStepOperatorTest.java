package dev.rnnx.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.flink.serde.StepOutputSerializer;
import dev.rnnx.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The step operator on Flink's operator test harness: batching, bad records, TTL, restore. */
@SuppressWarnings("try") // the harness's close() may throw InterruptedException
class RecurrentStepOperatorTest {
  private static final StepModel MODEL = TestModels.lstm();
  private static final Random R = new Random(3);

  @Test
  void batchesAreBoundedInCountAndTimeAndEqualSteppingEachKeyAlone() throws Exception {
    RecurrentStepConfig config = RecurrentStepConfig.defaults().withMaxBatchFrames(4)
        .withMaxBatchDelay(Duration.ofMillis(50));
    Map<String, List<Map<String, Tensor>>> streams = new HashMap<>();
    try (var h = harness(config)) {
      h.open();
      for (int i = 0; i < 3; i++) {
        send(h, streams, "k" + i);
      }
      assertEquals(0, h.extractOutputValues().size(), "3 frames wait for a fourth");
      send(h, streams, "k0"); // k0's second frame: a full batch of 4, in two rounds
      assertEquals(4, h.extractOutputValues().size(), "a full batch is stepped at once");
      send(h, streams, "k1");
      h.setProcessingTime(49);
      assertEquals(4, h.extractOutputValues().size());
      h.setProcessingTime(50);
      assertEquals(5, h.extractOutputValues().size(), "the delay bound flushed one frame");
      send(h, streams, "k2");
      h.processWatermark(100);
      assertEquals(6, h.extractOutputValues().size(), "a watermark flushes the buffer");
      assertInstanceOf(Watermark.class, List.copyOf(h.getOutput()).get(h.getOutput().size() - 1),
          "and follows the outputs it covers");
      for (int t = 0; t < 3; t++) {
        for (int k = 0; k < 6; k++) {
          send(h, streams, "k" + k);
        }
      }
      h.endInput();
      assertOutputsEqualReference(h.extractOutputValues(), streams);
    }
  }

  @Test
  void refusedFramesGoToTheSideOutputAndLeaveStateAlone() throws Exception {
    Map<String, List<Map<String, Tensor>>> streams = new HashMap<>();
    try (var h = harness(RecurrentStepConfig.defaults().withMaxBatchFrames(8))) {
      h.open();
      send(h, streams, "a");
      send(h, streams, "b");
      h.processElement(Frame.of("a", "X", TestModels.random(R, 1, 1, 5)), 0);
      h.processElement(Frame.of("b", "Y", frame().get("X")), 0);
      h.processElement(Frame.of("c", "X", Tensor.of(new double[4], 1, 1, 4)), 0);
      h.processElement(new Frame("a", Map.of("X", frame().get("X"),
          "lstm0.initial_h", Tensor.zeros(dev.rnnx.tensor.ElementType.FLOAT, 1, 1, 5))), 0);
      send(h, streams, "a");
      send(h, streams, "b");
      h.endInput();
      List<RejectedFrame> rejected = h.getSideOutput(RecurrentSteps.REJECTED).stream()
          .map(StreamRecord::getValue).toList();
      assertEquals(4, rejected.size(), rejected.toString());
      // rounds: (a, b, c-type), (a-shape, b-name), (a-state, b), (a)
      assertEquals(List.of("c", "a", "b", "a"), rejected.stream().map(RejectedFrame::key)
          .toList());
      assertTrue(rejected.get(0).reason().contains("wrong element type"),
          rejected.get(0).reason());
      assertTrue(rejected.get(1).reason().contains("axis 2 must be 4"), rejected.get(1).reason());
      assertTrue(rejected.get(2).reason().contains("each frame needs exactly [X]"),
          rejected.get(2).reason());
      assertTrue(rejected.get(3).reason().contains("is state carried by the session"),
          rejected.get(3).reason());
      assertOutputsEqualReference(h.extractOutputValues(), streams);
      assertEquals(2, h.numKeyedStateEntries(), "c, refused from the start, has no state");
    }
  }

  @Test
  void keysIdleLongerThanTheTimeoutStartAgainFromTheInitialState() throws Exception {
    Map<String, List<Map<String, Tensor>>> streams = new HashMap<>();
    RecurrentStepConfig config = RecurrentStepConfig.defaults().withMaxBatchDelay(Duration.ZERO)
        .withIdleTimeout(Duration.ofSeconds(10));
    try (var h = harness(config)) {
      h.open();
      h.setStateTtlProcessingTime(0);
      send(h, streams, "a");
      h.setStateTtlProcessingTime(9_000);
      send(h, streams, "a");
      h.setStateTtlProcessingTime(20_000); // 11 s after a's last step
      Map<String, Tensor> fresh = frame();
      h.processElement(new Frame("a", fresh), 0);
      List<StepOutput> out = h.extractOutputValues();
      assertEquals(List.of(0L, 1L, 0L), out.stream().map(StepOutput::step).toList());
      Reference.assertClose(Reference.outputs(MODEL, List.of(fresh)).get(0).get("logits"),
          out.get(2).outputs().get("logits"), "a's first step after its state expired");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void snapshotsFlushTheBufferAndRestoreMidStream(String backend) throws Exception {
    RecurrentStepConfig config = RecurrentStepConfig.defaults().withMaxBatchFrames(100)
        .withEmitStates(true);
    Map<String, List<Map<String, Tensor>>> streams = new HashMap<>();
    List<StepOutput> outputs = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = harness(config)) {
      h.setStateBackend(stateBackend(backend));
      h.open();
      for (int t = 0; t < 2; t++) {
        for (int k = 0; k < 3; k++) {
          send(h, streams, "k" + k);
        }
      }
      assertEquals(0, h.extractOutputValues().size(), "all 6 frames are buffered");
      h.prepareSnapshotPreBarrier(1);
      snapshot = h.snapshot(1, 1);
      outputs.addAll(h.extractOutputValues());
      assertEquals(6, outputs.size(), "the barrier flushed the buffer before the snapshot");
    }
    try (var h = harness(config)) {
      h.setStateBackend(stateBackend(backend));
      h.initializeState(snapshot);
      h.open();
      for (int k = 0; k < 3; k++) {
        send(h, streams, "k" + k);
      }
      h.endInput();
      outputs.addAll(h.extractOutputValues());
    }
    assertOutputsEqualReference(outputs, streams);
    StepOutput last = outputs.get(outputs.size() - 1);
    assertEquals(4, last.states().size(), "h and c of both layers");
  }

  private static StateBackend stateBackend(String name) {
    return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Frame, StepOutput> harness(
      RecurrentStepConfig config) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new RecurrentStepOperator(MODEL, config),
        Frame::key, Types.STRING);
    h.setup(StepOutputSerializer.INSTANCE);
    return h;
  }

  private static Map<String, Tensor> frame() {
    return Map.of("X", TestModels.random(R, 1, 1, TestModels.INPUT));
  }

  /** Sends a new random frame for a key and records it in that key's stream. */
  private static void send(KeyedOneInputStreamOperatorTestHarness<String, Frame, StepOutput> h,
      Map<String, List<Map<String, Tensor>>> streams, String key) throws Exception {
    Map<String, Tensor> f = frame();
    streams.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    h.processElement(new Frame(key, f), 0);
  }

  /** Each key's outputs are steps 0..n-1, once each, equal to a StepSession over its frames. */
  private static void assertOutputsEqualReference(List<StepOutput> outputs,
      Map<String, List<Map<String, Tensor>>> streams) {
    assertEquals(streams.values().stream().mapToInt(List::size).sum(), outputs.size());
    for (Map.Entry<String, List<Map<String, Tensor>>> e : streams.entrySet()) {
      List<StepOutput> mine = outputs.stream().filter(o -> o.key().equals(e.getKey())).toList();
      List<Map<String, Tensor>> expected = Reference.outputs(MODEL, e.getValue());
      assertEquals(expected.size(), mine.size(), e.getKey());
      for (int t = 0; t < mine.size(); t++) {
        assertEquals(t, mine.get(t).step(), e.getKey() + " in order");
        Reference.assertClose(expected.get(t).get("logits"), mine.get(t).outputs().get("logits"),
            e.getKey() + " step " + t);
      }
    }
  }
}
