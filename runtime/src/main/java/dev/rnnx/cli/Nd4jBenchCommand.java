package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.bench.Nd4jBenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnx bench nd4j}: the nd4j backend against the ONNX Runtime backend. */
@Command(name = "nd4j", mixinStandardHelpOptions = true,
    description = "Measures the nd4j backend against the ONNX Runtime backend on the same"
        + " models: LSTM, GRU and ConvLSTM cells per step at batch 1, LSTM and GRU layers over"
        + " whole sequences. `rnnx bench vad` covers Silero VAD.")
final class Nd4jBenchCommand implements Callable<Integer> {
  @Option(names = "--hidden", defaultValue = "256",
      description = "Hidden (and input) size of the LSTM and GRU (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--seq", defaultValue = "100",
      description = "Steps of the whole-sequence runs (default: ${DEFAULT-VALUE}).")
  int seq;

  @Option(names = "--steps", defaultValue = "1000",
      description = "Steps per round; sequence runs are a tenth as many"
          + " (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--rounds", defaultValue = "5",
      description = "Measured rounds (median; default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--threads", defaultValue = "1",
      description = "Intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (rounds < 1 || steps < 1 || seq < 1 || hidden < 1) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT,
          "--rounds, --steps, --seq and --hidden must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Nd4jBenchmark.Row> rows = new Nd4jBenchmark(new Nd4jBenchmark.Config(hidden, seq,
        steps, rounds, threads)).run(out);
    out.printf("nd4j against ONNX Runtime (CPU), %d thread(s), %d cores, median of %d rounds%n",
        threads, Runtime.getRuntime().availableProcessors(), rounds);
    for (Nd4jBenchmark.Row r : rows) {
      out.printf("%-34s ort %9.1f us, nd4j %9.1f us: %5.2fx (target <= %.1fx)%n", r.name() + ":",
          r.ortMicros(), r.nd4jMicros(), r.ratio(), r.target());
    }
    return 0;
  }
}
