package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ONNX node test whose operators all lie in the nd4j backend's set, run on it and
 * compared with ONNX's tolerances. The few that cannot pass are listed with their reason in
 * {@code conformance/nd4j-expected-failures.txt}; a new failure fails, and so does an
 * unexpected pass (the list must shrink with the backend's fixes).
 */
class Nd4jConformanceTest {
  private static final String EXPECTATIONS = "/conformance/nd4j-expected-failures.txt";
  private static final SessionOptions ND4J = SessionOptions.defaults()
      .withBackend(BackendChoice.ND4J).withThreads(1);

  @TestFactory
  Stream<DynamicTest> nodeTests() throws IOException {
    Path root = NodeTests.location();
    Map<String, String> expected = expectedFailures();
    Set<String> supported = Nd4jBackend.supportedOperators();
    List<OnnxTestCase> selected = new ArrayList<>();
    for (OnnxTestCase c : OnnxTestCase.findAll(root)) {
      if (usesOnly(c, supported)) {
        selected.add(c);
      }
    }
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("expectations name selected cases", () -> {
      Set<String> names = new java.util.HashSet<>();
      selected.forEach(c -> names.add(c.name()));
      List<String> stale = expected.keySet().stream().filter(n -> !names.contains(n)).toList();
      assertEquals(List.of(), stale, "expected failures that are not selected node tests");
    }));
    for (OnnxTestCase c : selected) {
      tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, expected.get(c.name()))));
    }
    return tests.stream();
  }

  private static void check(OnnxTestCase c, String expectedReason) {
    Optional<String> failure = failure(c);
    if (expectedReason == null) {
      failure.ifPresent(f -> fail(c.name() + ": " + f));
    } else {
      assertTrue(failure.isPresent(), c.name() + " passes now: remove it from " + EXPECTATIONS
          + " (listed as: " + expectedReason + ")");
    }
  }

  /** @return true when the model loads and every operator it uses is one nd4j implements */
  private static boolean usesOnly(OnnxTestCase c, Set<String> supported) {
    try {
      return supported.containsAll(Model.load(c.model()).opCounts().keySet());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** @return why the case fails on nd4j, or empty when every data set matches */
  static Optional<String> failure(OnnxTestCase c) {
    try {
      Model m = Model.load(c.model());
      try (Session s = m.newSession(ND4J)) {
        for (Path data : c.dataSets()) {
          List<Tensor> inputs = OnnxTestCase.tensors(data, "input");
          Map<String, Tensor> feeds = new HashMap<>();
          for (int i = 0; i < inputs.size(); i++) {
            feeds.put(m.requiredInputs().get(i).name(), inputs.get(i));
          }
          List<Tensor> want = OnnxTestCase.tensors(data, "output");
          List<Tensor> got = new ArrayList<>(s.run(feeds).values());
          for (int k = 0; k < want.size(); k++) {
            Optional<String> diff = TensorComparison.mismatch(want.get(k), got.get(k),
                TensorComparison.ONNX_RTOL, TensorComparison.ONNX_ATOL);
            if (diff.isPresent()) {
              return Optional.of(data.getFileName() + " output " + k + ": " + diff.get());
            }
          }
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e.toString());
    }
  }

  /** @return case name to reason, from the committed expectations file */
  static Map<String, String> expectedFailures() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = Nd4jConformanceTest.class.getResourceAsStream(EXPECTATIONS)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 2);
        out.put(cols[0], cols.length > 1 ? cols[1] : "");
      }
    }
    return out;
  }
}
