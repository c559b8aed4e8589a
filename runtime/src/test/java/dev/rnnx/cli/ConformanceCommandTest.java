package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.NodeTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnx conformance} on a folder holding two node tests and one with a wrong reference. */
class ConformanceCommandTest {
  @TempDir Path suite;

  private record Result(int status, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  @BeforeEach
  void copyCases() throws IOException {
    copy(NodeTests.get("test_abs"), suite.resolve("test_abs"));
    copy(NodeTests.get("test_relu"), suite.resolve("test_relu"));
    Path wrong = suite.resolve("test_abs_wrong");
    copy(NodeTests.get("test_abs"), wrong);
    Path data = wrong.resolve("test_data_set_0");
    Files.copy(data.resolve("input_0.pb"), data.resolve("output_0.pb"),
        StandardCopyOption.REPLACE_EXISTING); // abs(x) != x where x < 0
  }

  private static void copy(OnnxTestCase c, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(c.dir())) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(c.dir().relativize(p).toString()));
      }
    }
  }

  @Test
  void printsOneLinePerFailureAndTheTotalsThenExitsWithOne() {
    Result r = cli("conformance", suite.toString(), "--backend", "ort", "--jobs", "2");
    assertEquals(1, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("FAIL test_abs_wrong: output 'y' index ["), lines.get(0));
    assertTrue(lines.get(0).contains(", expected "), lines.get(0));
    assertEquals("2 passed, 1 failed, 0 skipped", lines.get(1));
  }

  @Test
  void theFilterSelectsByNameAndAllPassingExitsWithZero() {
    Result r = cli("conformance", suite.toString(), "--backend", "ort", "--filter", "relu|abs$");
    assertEquals(0, r.status(), r.err());
    assertEquals("2 passed, 0 failed, 0 skipped", r.out().strip());
  }

  @Test
  void aSingleCaseFolderRunsThatCase() {
    Result r = cli("conformance", suite.resolve("test_relu").toString(), "--backend", "ort");
    assertEquals("1 passed, 0 failed, 0 skipped", r.out().strip());
  }

  @Test
  void theReportTabulatesPerOperator() throws IOException {
    Path report = suite.resolve("out/report.md");
    cli("conformance", suite.toString(), "--backend", "ort", "--report", report.toString());
    String md = Files.readString(report);
    assertTrue(md.contains("2 passed, 1 failed, 0 skipped (3 cases)"), md);
    assertTrue(md.contains("| Abs | 2 | 1 | 1 | 0 | test_abs_wrong |"), md);
    assertTrue(md.contains("| Relu | 1 | 1 | 0 | 0 |  |"), md);
  }

  @Test
  void badArgumentsAreOneErrorLine() {
    assertEquals("rnnx: error: no test case under " + suite + " matches --filter 'nothing'",
        cli("conformance", suite.toString(), "--filter", "nothing").err().strip());
    assertEquals("rnnx: error: --filter is not a regular expression: Unclosed group in '('",
        cli("conformance", suite.toString(), "--filter", "(").err().strip());
    Path missing = suite.resolve("missing");
    assertEquals("rnnx: error: " + missing + " is not a folder",
        cli("conformance", missing.toString()).err().strip());
    assertTrue(cli("conformance", suite.toString(), "--backend", "tpu").err()
        .startsWith("rnnx: error: unknown backend 'tpu' (valid: auto, ort, ort-cuda"));
  }

  @Test
  void theHelpListsEveryBackend() {
    String help = cli("conformance", "--help").out();
    assertTrue(help.contains("One of auto, ort, ort-cuda"), help);
  }
}
