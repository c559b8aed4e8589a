package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.bench.VadBenchmark;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.vad.Audio;
import dev.rnnx.vad.Resampler;
import dev.rnnx.vad.SileroVad;
import dev.rnnx.vad.WavReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnx bench vad}: Silero VAD per step on each backend against a raw ONNX Runtime loop. */
@Command(name = "vad", mixinStandardHelpOptions = true,
    description = "Measures Silero VAD stepped frame by frame on each backend against a"
        + " hand-written ONNX Runtime loop over the unmodified model: per-step latency (median,"
        + " p99) and real-time factor.")
final class VadBenchCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "PATH",
      description = "A Silero VAD model (default: " + SourceTreeFiles.SILERO_V5 + ").")
  Path model;

  @Option(names = "--audio", paramLabel = "FILE.wav",
      description = "The audio (default: " + SourceTreeFiles.TEST_AUDIO + ").")
  Path audio;

  @Option(names = "--backend", paramLabel = "BACKEND",
      description = "A backend to measure; repeat for more (default: every backend but auto;"
          + " those that cannot open here are listed as unavailable).")
  List<String> backends = new ArrayList<>();

  @Option(names = "--rounds", defaultValue = "5",
      description = "Measured rounds over the whole audio (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--threads", defaultValue = "1",
      description = "Intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--rounds must be at least 1");
    }
    List<BackendChoice> choices = backends.isEmpty()
        ? Arrays.stream(BackendChoice.values()).filter(b -> b != BackendChoice.AUTO).toList()
        : backends.stream().map(BackendChoice::parse).toList();
    Path modelFile = SourceTreeFiles.orDefault(model, SourceTreeFiles.SILERO_V5, "--model",
        "fetch it with testdata/fetch-models.sh or pass --model PATH");
    Path audioFile = SourceTreeFiles.orDefault(audio, SourceTreeFiles.TEST_AUDIO, "--audio",
        "pass --audio FILE.wav");
    Audio sound = WavReader.read(audioFile);
    if (!SileroVad.SAMPLE_RATES.contains(sound.sampleRate())) {
      sound = Resampler.resample(sound, 16000);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(modelFile);
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot read " + modelFile + ": " + e.getMessage(),
          e);
    }
    PrintWriter out = spec.commandLine().getOut();
    VadBenchmark bench = new VadBenchmark(new VadBenchmark.Config(bytes, sound, choices, rounds,
        threads));
    VadBenchmark.Figures f = bench.run(out);
    out.printf("%s, %.1f s of %d Hz audio, %d steps a round, %d rounds, %d thread(s), %d cores%n",
        modelFile.getFileName(), sound.seconds(), sound.sampleRate(), bench.steps(), rounds,
        threads, Runtime.getRuntime().availableProcessors());
    print(out, "raw ONNX Runtime loop", f.raw(), null, 0);
    for (Map.Entry<String, VadBenchmark.Latency> e : f.backends().entrySet()) {
      print(out, "rnnx vad, " + e.getKey(), e.getValue(), f.raw(),
          e.getKey().equals(BackendChoice.ND4J.cliName()) ? 3.0 : 1.10);
    }
    f.unavailable().forEach((name, why) -> out.printf("rnnx vad, %s: unavailable (%s)%n", name,
        why));
    return 0;
  }

  private static void print(PrintWriter out, String name, VadBenchmark.Latency l,
      VadBenchmark.Latency raw, double target) {
    out.printf("%-22s median %.1f us/step, p99 %.1f us, real-time factor %.4f%s%n", name + ":",
        l.medianMicros(), l.p99Micros(), l.realTimeFactor(), raw == null ? ""
            : String.format(" (%.2fx the raw loop's median; target <= %.2fx)",
                l.medianMicros() / raw.medianMicros(), target));
  }
}
