package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.bench.BenchModels;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many runs on nd4j leave native memory flat: the live native bytes (JavaCPP's count of ND4J
 * buffers, read after a GC) and resident memory, subgraph runs included. That values are freed
 * right after their last reader is {@link Nd4jLivenessTest}'s subject.
 */
class Nd4jMemoryTest {
  private static final int RUNS = 3_000;
  private static final int CHECKPOINT_EVERY = 250;
  /** Allowed growth of live native bytes: far less than one leaked output per checkpoint. */
  private static final long NATIVE_BOUND = 64 * 1024;
  /** Allowed growth of resident memory (heap and malloc arenas breathe by several MiB). */
  private static final long RESIDENT_BOUND_MIB = 32;

  @ParameterizedTest
  @ValueSource(strings = {"test_lstm_defaults", "test_basic_conv_with_padding", "test_scan9_sum",
      "test_loop11"})
  void memoryStaysFlatOverManyRuns(String name) throws IOException {
    OnnxTestCase c = NodeTests.get(name);
    Model m = Model.load(c.model());
    List<Tensor> inputs = OnnxTestCase.tensors(c.dataSets().get(0), "input");
    Map<String, Tensor> feeds = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      feeds.put(m.requiredInputs().get(i).name(), inputs.get(i));
    }
    List<Long> nativeBytes = new ArrayList<>();
    List<Long> resident = new ArrayList<>();
    try (Session s = m.newSession(SessionOptions.defaults().withBackend(BackendChoice.ND4J)
        .withThreads(1))) {
      for (int run = 1; run <= RUNS; run++) {
        s.run(feeds);
        if (run % CHECKPOINT_EVERY == 0) {
          System.gc();
          nativeBytes.add(Pointer.totalBytes());
          resident.add(residentMib());
        }
      }
    }
    long warmNative = max(nativeBytes.subList(1, 4));
    long lastNative = max(nativeBytes.subList(nativeBytes.size() - 3, nativeBytes.size()));
    assertTrue(lastNative - warmNative <= NATIVE_BOUND, name + ": live native bytes grew from "
        + warmNative + " to " + lastNative + "; checkpoints: " + nativeBytes);
    long warmRss = max(resident.subList(1, 4));
    long lastRss = max(resident.subList(resident.size() - 3, resident.size()));
    assertTrue(lastRss - warmRss <= RESIDENT_BOUND_MIB, name + ": resident memory grew from "
        + warmRss + " to " + lastRss + " MiB; checkpoints: " + resident);
  }

  /** The heap path's native weights and staging buffers go with the session that made them. */
  @Test
  void closedSessionsLeaveNoNativeMemory() {
    Model m = Model.of(BenchModels.lstmCell(64, 128, 1)); // 640 KB of native weights a session
    Map<String, Tensor> feeds = Map.of("x", Tensor.zeros(ElementType.FLOAT, 1, 1, 64),
        "h", Tensor.zeros(ElementType.FLOAT, 1, 1, 128),
        "c", Tensor.zeros(ElementType.FLOAT, 1, 1, 128));
    SessionOptions nd4j = SessionOptions.defaults().withBackend(BackendChoice.ND4J).withThreads(1);
    try (Session warm = m.newSession(nd4j)) {
      warm.run(feeds);
    }
    System.gc();
    long before = Pointer.totalBytes();
    for (int i = 0; i < 200; i++) {
      try (Session s = m.newSession(nd4j)) {
        s.run(feeds);
      }
    }
    System.gc();
    long after = Pointer.totalBytes();
    assertTrue(after - before <= NATIVE_BOUND, "200 closed sessions left " + (after - before)
        + " native bytes (a session holds 655360 bytes of weights)");
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  private static long residentMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
