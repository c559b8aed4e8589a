package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.NodeTests;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ONNX node test, as a test of its own, on every backend with an expectations file (see
 * {@link ExpectedFailures}). A case fails the test when it fails unexpectedly, and also when a
 * case listed as failing passes (so the list shrinks as backends improve); a listed case that
 * fails shows as skipped with the listed reason and the actual one. Without the node tests the
 * whole factory is skipped, saying where it looked.
 */
class NodeConformanceTest {
  private static final Map<BackendChoice, ConformanceRunner> RUNNERS =
      new EnumMap<>(BackendChoice.class);

  @TestFactory
  Stream<DynamicNode> everyNodeTestOnEveryBackend() {
    Path suite = NodeTests.location();
    List<OnnxTestCase> cases = OnnxTestCase.findAll(suite);
    return ExpectedFailures.ofEveryBackend().stream().map(e -> DynamicContainer.dynamicContainer(
        e.backend().cliName(), Stream.concat(
            Stream.of(DynamicTest.dynamicTest("every listed case exists",
                () -> assertEveryListedCaseExists(e, cases))),
            cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(e, c))))));
  }

  private static void assertEveryListedCaseExists(ExpectedFailures e, List<OnnxTestCase> cases) {
    Set<String> unknown = new TreeSet<>(e.reasons().keySet());
    unknown.removeAll(cases.stream().map(OnnxTestCase::name).collect(Collectors.toSet()));
    assertEquals(Set.of(), unknown, e.resource() + " lists cases the node tests do not have");
  }

  private static void check(ExpectedFailures e, OnnxTestCase c) {
    CaseResult r = runner(e.backend()).run(c);
    String expected = e.reason(c.name());
    if (r.outcome() == CaseResult.Outcome.SKIPPED) {
      Assumptions.abort(r.reason());
    }
    if (expected == null && r.failed()) {
      fail("fails on " + e.backend() + ": " + r.reason());
    }
    if (expected != null && !r.failed()) {
      fail("passes on " + e.backend() + " but " + e.resource() + " expects it to fail ("
          + expected + "); remove it from the list");
    }
    if (expected != null) {
      Assumptions.abort("expected to fail (" + expected + "): " + r.reason());
    }
  }

  private static synchronized ConformanceRunner runner(BackendChoice backend) {
    return RUNNERS.computeIfAbsent(backend, b -> new ConformanceRunner(
        ConformanceOptions.defaults().withBackend(b)));
  }

  @AfterAll
  static synchronized void stopWorkers() {
    RUNNERS.values().forEach(ConformanceRunner::close);
    RUNNERS.clear();
  }
}
