package dev.rnnx.cli;

import dev.rnnx.bench.StepBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnx bench}: StepSession against a raw ONNX Runtime loop, and batching. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    subcommands = {VadBenchCommand.class, Nd4jBenchCommand.class},
    description = "Measures StepSession against a hand-written ONNX Runtime loop on an LSTM"
        + " cell (per step, batch 1), and N streams batched against stepped one by one;"
        + " `rnnx bench vad` measures Silero VAD, `rnnx bench nd4j` the nd4j backend.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--input", defaultValue = "64", description = "Input features.")
  int input;

  @Option(names = "--hidden", defaultValue = "128", description = "LSTM hidden size.")
  int hidden;

  @Option(names = "--frames", defaultValue = "2000", description = "Frames per round.")
  int frames;

  @Option(names = "--rounds", defaultValue = "7", description = "Measured rounds (median).")
  int rounds;

  @Option(names = "--streams", defaultValue = "64", description = "Streams for batching.")
  int streams;

  @Option(names = "--batch-steps", defaultValue = "300",
      description = "Steps of every stream per round in the batching comparison.")
  int batchSteps;

  @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads.")
  int threads;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    StepBenchmark.Figures f = new StepBenchmark(new StepBenchmark.Config(input, hidden, frames,
        rounds, streams, batchSteps, threads)).run(out);
    out.printf("LSTM cell input %d hidden %d, ONNX Runtime CPU, %d thread(s), %d cores%n", input,
        hidden, threads, Runtime.getRuntime().availableProcessors());
    out.printf("raw ONNX Runtime loop: %.1f us/step%n", f.rawMicrosPerStep());
    out.printf("StepSession:           %.1f us/step (%.2fx the raw loop; target <= 1.10x)%n",
        f.stepMicrosPerStep(), f.stepOverRaw());
    out.printf("%d streams one by one:  %.0f stream-steps/s%n", streams,
        f.oneByOneStreamStepsPerSecond());
    out.printf("%d streams batched:     %.0f stream-steps/s (%.1fx; target >= 10x)%n", streams,
        f.batchedStreamStepsPerSecond(), f.batchedSpeedup());
    return 0;
  }
}
