package dev.rnnx.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.flink.Reference;
import dev.rnnx.flink.StepModel;
import dev.rnnx.flink.TestModels;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line on its default environment, an embedded local mini-cluster: a model with two
 * frame inputs ({@code <key>.X.npy}, {@code <key>.lens.npy}), a failure on the way, and a stream
 * the model refuses.
 */
class FlinkStepJobTest {
  private static final int FRAMES = 15;

  @TempDir
  Path tmp;

  @Test
  void stepsAFolderLocallyThroughAFailureAndWritesWhatRnnxStepWrites() throws IOException {
    Path model = tmp.resolve("model.onnx");
    Files.write(model, TestModels.lstmBytes(1, true, 5));
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Random r = new Random(4);
    Map<String, List<Map<String, Tensor>>> streams = new TreeMap<>();
    for (int k = 0; k < 6; k++) {
      Tensor x = TestModels.random(r, FRAMES, 1, TestModels.INPUT);
      int[] lens = new int[FRAMES];
      Arrays.fill(lens, 1);
      Tensor l = Tensor.of(lens, FRAMES, 1);
      Npy.write(x, in.resolve("mic." + k + ".X.npy"));
      Npy.write(l, in.resolve("mic." + k + ".lens.npy"));
      List<Map<String, Tensor>> frames = new ArrayList<>();
      for (int t = 0; t < FRAMES; t++) {
        frames.add(Map.of("X", x.slice0(t).reshape(1, 1, TestModels.INPUT), "lens",
            l.slice0(t)));
      }
      streams.put("mic." + k, frames);
    }
    Npy.write(Tensor.of(new double[FRAMES * 4], FRAMES, 1, 4), in.resolve("bad.X.npy"));
    Npy.write(Tensor.of(new int[FRAMES], FRAMES, 1), in.resolve("bad.lens.npy"));
    Path out = tmp.resolve("out");

    Run run = run("--model", model.toString(), "--input-dir", in.toString(), "--output-dir",
        out.toString(), "--parallelism", "2", "--checkpoint-ms", "200",
        "--frames-per-checkpoint", "40", "--fail-after", "20", "--backend", "ort");

    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.contains("7 streams, 105 frames"), run.out);
    assertTrue(run.out.contains("wrote 6 keys, 90 steps to " + out + "; 15 frames rejected"),
        run.out);
    StepModel reference = StepModel.of(Files.readAllBytes(model)).withBackend(BackendChoice.ORT);
    Reference.stacked(reference, streams).forEach((key, outputs) ->
        Reference.assertClose(outputs.get("logits"), Npy.read(out.resolve(key + ".logits.npy")),
            key));
    assertFalse(Files.exists(out.resolve("bad.logits.npy")));
    List<String> rejected = Files.readAllLines(out.resolve(OutputAssembler.REJECTED_FILE));
    assertEquals(FRAMES, rejected.size());
    assertTrue(rejected.stream().allMatch(line -> line.startsWith(
        "bad\tX=double[1, 1, 4], lens=int32[1]\tinput 'X' expects float[")
        && line.endsWith("(wrong element type)")), rejected.get(0));
    assertFalse(Files.exists(out.resolve(StepJob.STAGING)));
  }

  @Test
  void aKeyMissingAnInputFileIsReportedBeforeTheJobStarts() throws IOException {
    Path model = tmp.resolve("model.onnx");
    Files.write(model, TestModels.lstmBytes(1, true, 5));
    Path in = tmp.resolve("in");
    Files.createDirectories(in);
    Npy.write(TestModels.random(new Random(1), 3, 1, 4), in.resolve("k.X.npy"));

    Run run = run("--model", model.toString(), "--input-dir", in.toString(), "--output-dir",
        tmp.resolve("out").toString());

    assertEquals(1, run.exit);
    assertEquals("FlinkStepJob: key 'k' has no k.lens.npy for frame input lens: int32[batch]",
        run.err.strip());
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = FlinkStepJob.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
