package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.backend.ort.OrtBackend;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in its worker JVMs: passes, mismatches, unreadable and unjudgeable cases, and
 * cases that hang, crash the worker or exhaust its heap without stopping the run.
 */
class ConformanceRunnerTest {
  private static final ConformanceOptions ORT = ConformanceOptions.defaults()
      .withBackend(BackendChoice.ORT);

  @TempDir Path root;

  private static List<CaseResult> runAll(ConformanceOptions options, OnnxTestCase... cases) {
    try (ConformanceRunner runner = new ConformanceRunner(options)) {
      return runner.runAll(List.of(cases), r -> { });
    }
  }

  @Test
  void aNodeTestPassesAndIsNamedAfterItsOperator() {
    CaseResult r = runAll(ORT, NodeTests.get("test_gru_defaults")).get(0);
    assertEquals(CaseResult.Outcome.PASSED, r.outcome(), r.reason());
    assertEquals("GRU", r.op());
    assertEquals("", r.reason());
  }

  @Test
  void aWrongReferenceFailsAtTheFirstDifferingElementWithBothValues() {
    Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
    OnnxTestCase c = CaseFolders.write(root, "test_off", CaseFolders.identity(3), List.of(x),
        List.of(Tensor.of(new float[] {1, 2.5f, 3}, 3)));
    CaseResult r = runAll(ORT, c).get(0);
    assertEquals(CaseResult.Outcome.FAILED, r.outcome());
    assertEquals("output 'y' index [1]: 2.0, expected 2.5 (rtol 0.001, atol 1.0E-7)",
        r.reason());
    assertEquals("Identity", r.op());
  }

  @Test
  void anUnreadableModelFailsWithTheReadersMessage() throws IOException {
    OnnxTestCase c = CaseFolders.passing(root, "test_broken");
    Files.write(c.model(), new byte[] {1, 2, 3});
    CaseResult r = runAll(ORT, c).get(0);
    assertEquals(CaseResult.Outcome.FAILED, r.outcome());
    assertTrue(r.reason().contains("not an ONNX model"), r.reason());
    assertEquals("?", r.op());
  }

  @Test
  void aCaseWithoutDataSetsIsSkipped() throws IOException {
    OnnxTestCase c = CaseFolders.passing(root, "test_no_data");
    Files.delete(c.dir().resolve("test_data_set_0").resolve("input_0.pb"));
    Files.delete(c.dir().resolve("test_data_set_0").resolve("output_0.pb"));
    Files.delete(c.dir().resolve("test_data_set_0"));
    CaseResult r = runAll(ORT, c).get(0);
    assertEquals(CaseResult.Outcome.SKIPPED, r.outcome());
    assertEquals("no test_data_set folders", r.reason());
  }

  @Test
  void aBackendThatIsNotAvailableHereSkipsTheCaseSayingWhy() {
    Assumptions.assumeFalse(OrtBackend.cudaProviderPresent(), "this machine has CUDA");
    CaseResult r = runAll(ORT.withBackend(BackendChoice.ORT_CUDA),
        CaseFolders.passing(root, "test_gpu")).get(0);
    assertEquals(CaseResult.Outcome.SKIPPED, r.outcome());
    assertTrue(r.reason().startsWith("backend ort-cuda needs the CUDA build of ONNX Runtime"),
        r.reason());
  }

  @Test
  void aHangingCaseTimesOutAndTheNextCaseRunsInAFreshWorker() {
    Tensor x = Tensor.of(new float[] {1}, 1);
    OnnxTestCase spin = CaseFolders.write(root, "test_spin", CaseFolders.spin(), List.of(x),
        List.of(x));
    ConformanceOptions options = ORT.withTimeout(Duration.ofSeconds(3));
    List<CaseResult> results = runAll(options, CaseFolders.passing(root, "test_warm"), spin,
        CaseFolders.passing(root, "test_after"));
    assertEquals(List.of(CaseResult.Outcome.PASSED, CaseResult.Outcome.FAILED,
        CaseResult.Outcome.PASSED), outcomes(results));
    assertEquals("timed out after 3 s", results.get(1).reason());
    assertEquals("Loop", results.get(1).op());
  }

  @Test
  void aCaseThatKillsItsWorkerFailsAndTheRunGoesOn() {
    List<String> scripted = new ArrayList<>(WorkerCommand.of(BackendChoice.ORT, 1, List.of()));
    scripted.set(scripted.size() - 3, ScriptedWorker.class.getName());
    ConformanceOptions options = ORT.withWorkerCommand(scripted);
    List<CaseResult> results = runAll(options, CaseFolders.passing(root, "test_one"),
        CaseFolders.passing(root, "test_crash"), CaseFolders.passing(root, "test_two"));
    assertEquals(List.of(CaseResult.Outcome.PASSED, CaseResult.Outcome.FAILED,
        CaseResult.Outcome.PASSED), outcomes(results));
    assertEquals("the worker JVM died running the case (exit code 42): native noise without a"
        + " newline... | scripted crash in test_crash", results.get(1).reason());
  }

  @Test
  void aCaseThatExhaustsTheHeapFailsWithOutOfMemory() {
    int n = 8 << 20; // 32 MiB of floats, twice what the worker's heap holds
    Tensor big = Tensor.of(new float[n], n);
    OnnxTestCase c = CaseFolders.write(root, "test_big", CaseFolders.identity(n), List.of(big),
        List.of(big));
    ConformanceOptions options = ORT.withWorkerCommand(WorkerCommand.of(BackendChoice.ORT, 1,
        List.of("-Xmx16m")));
    List<CaseResult> results = runAll(options, c, CaseFolders.passing(root, "test_small"));
    assertEquals(CaseResult.Outcome.FAILED, results.get(0).outcome());
    assertTrue(results.get(0).reason().startsWith("out of memory: "), results.get(0).reason());
    assertEquals(CaseResult.Outcome.PASSED, results.get(1).outcome(), results.get(1).reason());
  }

  @Test
  void jobsRunCasesAtOnceAndResultsKeepTheCasesOrder() {
    List<OnnxTestCase> cases = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cases.add(CaseFolders.passing(root, "test_case_" + i));
    }
    List<String> seen = new ArrayList<>();
    List<CaseResult> results;
    try (ConformanceRunner runner = new ConformanceRunner(ORT.withJobs(3))) {
      results = runner.runAll(cases, r -> seen.add(r.name()));
    }
    assertEquals(cases.stream().map(OnnxTestCase::name).toList(),
        results.stream().map(CaseResult::name).toList());
    assertEquals(6, seen.size());
    assertEquals(new ConformanceSummary(6, 0, 0), ConformanceSummary.of(results));
  }

  private static List<CaseResult.Outcome> outcomes(List<CaseResult> results) {
    return results.stream().map(CaseResult::outcome).toList();
  }
}
