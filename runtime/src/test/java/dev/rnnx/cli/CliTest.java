package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.runtime.NodeTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's output and its one-line errors. */
class CliTest {
  @TempDir Path tmp;

  private record Result(int status, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void inspectPrintsTheRecurrentShapeTable() {
    Path model = NodeTests.get("test_lstm_batchwise").model();
    Result r = cli("inspect", model.toString());
    assertEquals(0, r.status(), r.err());
    // test_lstm_batchwise: X [3, 1, 2] batch-major, W [1, 28, 2], hidden 7
    assertTrue(r.out().contains("  X                        float[3, 1, 2]"), r.out());
    assertTrue(r.out().contains("  LSTM                     1"), r.out());
    assertTrue(r.out().contains("  units (hidden_size)  7"), r.out());
    assertTrue(r.out().contains("  layout               1 (batch-major"), r.out());
    assertTrue(r.out().contains("  input kernel W       [1, 28, 2]"), r.out());
    assertTrue(r.out().contains("  recurrent kernel R   [1, 28, 7]"), r.out());
    assertTrue(r.out().contains("  initial_h -> Y_h     [3, 1, 7]"), r.out());
    assertTrue(r.out().contains("  output sequence Y    [3, 1, 1, 7]"), r.out());
  }

  @Test
  void aBadModelGivesOneErrorLine() throws IOException {
    Path bad = tmp.resolve("bad.onnx");
    Files.write(bad, new byte[] {1, 2, 3, 4, 5});
    Result r = cli("inspect", bad.toString());
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("rnnx: error: " + bad + ": not an ONNX model"), r.err());
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Path bad = tmp.resolve("bad.onnx");
    Files.write(bad, new byte[] {1, 2, 3});
    Result r = cli("--verbose", "inspect", bad.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().lines().count() > 3, r.err());
    assertTrue(r.err().contains("ModelFormatException"), r.err());
  }

  @Test
  void unknownInputNameIsOneLine() {
    Path model = NodeTests.get("test_add").model();
    Path input = NodeTests.get("test_add").dataSets().get(0).resolve("input_0.pb");
    Result r = cli("run", model.toString(), "--backend", "ort", "--input", "nope=" + input,
        "--output-dir", tmp.toString());
    assertEquals(1, r.status());
    assertEquals("rnnx: error: unknown input 'nope' (the model's inputs: x, y)",
        r.err().strip());
  }

  @Test
  void unknownBackendListsTheChoices() {
    Path model = NodeTests.get("test_add").model();
    Result r = cli("run", model.toString(), "--backend", "tpu", "--output-dir", tmp.toString());
    assertEquals(1, r.status());
    assertEquals("rnnx: error: unknown backend 'tpu' (valid: auto, ort, ort-cuda, nd4j)",
        r.err().strip());
  }
}
