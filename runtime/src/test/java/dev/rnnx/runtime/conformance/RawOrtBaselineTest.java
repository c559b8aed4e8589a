package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.backend.ort.RawOrtRunner;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * RNNX on ONNX Runtime passes at least as many node tests as ONNX Runtime on the original
 * models, and the batch-major (layout=1) recurrences, which ONNX Runtime refuses, on top. What
 * RNNX passes is every case its ort expectations file does not list (NodeConformanceTest holds
 * the file to that).
 */
class RawOrtBaselineTest {
  private static final List<String> BATCHWISE = List.of("test_lstm_batchwise",
      "test_gru_batchwise", "test_simple_rnn_batchwise");

  @Test
  void rnnxPassesAtLeastWhatOnnxRuntimePassesAloneAndTheBatchwiseRecurrences() {
    List<OnnxTestCase> cases = OnnxTestCase.findAll(NodeTests.location());
    Set<String> raw = new ConcurrentSkipListSet<>();
    cases.parallelStream().filter(c -> RawOrtRunner.failure(c).isEmpty())
        .forEach(c -> raw.add(c.name()));
    ExpectedFailures ort = ExpectedFailures.ofEveryBackend().stream()
        .filter(e -> e.backend() == BackendChoice.ORT).findFirst().orElseThrow();
    Set<String> rnnx = cases.stream().map(OnnxTestCase::name)
        .filter(n -> ort.reason(n) == null).collect(Collectors.toCollection(TreeSet::new));
    Set<String> onlyRaw = new TreeSet<>(raw);
    onlyRaw.removeAll(rnnx);
    System.out.printf("node tests: %d; ONNX Runtime alone passes %d, RNNX ort passes %d;"
        + " only ONNX Runtime alone passes %s%n", cases.size(), raw.size(), rnnx.size(), onlyRaw);
    for (String b : BATCHWISE) {
      assertTrue(rnnx.contains(b) && !raw.contains(b), b);
    }
    Set<String> goal = new TreeSet<>(raw);
    goal.addAll(BATCHWISE);
    assertTrue(rnnx.size() >= goal.size(), "RNNX passes " + rnnx.size() + ", ONNX Runtime"
        + " alone " + raw.size() + " (+3 batchwise); only ONNX Runtime passes " + onlyRaw);
  }
}
