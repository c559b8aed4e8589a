package dev.rnnx.bench;

import ai.onnxruntime.OrtException;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.runtime.StreamBatcher;
import dev.rnnx.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Compares, on one LSTM cell with explicit state and on ONNX Runtime's CPU provider: the raw
 * ONNX Runtime loop against {@link StepSession} per step at batch 1, and N streams stepped one
 * by one against the same N streams batched by {@link StreamBatcher}. Rounds alternate between
 * the contenders and the median round is reported, so drift of the machine hits both alike.
 */
public final class StepBenchmark {
  /** What to run. */
  public record Config(int input, int hidden, int frames, int rounds, int streams,
      int batchSteps, int threads) {}

  /** Measured figures. */
  public record Figures(double rawMicrosPerStep, double stepMicrosPerStep,
      double oneByOneStreamStepsPerSecond, double batchedStreamStepsPerSecond) {
    /** @return StepSession time over raw loop time (target at most 1.10) */
    public double stepOverRaw() {
      return stepMicrosPerStep / rawMicrosPerStep;
    }

    /** @return batched over one-by-one throughput (target at least 10) */
    public double batchedSpeedup() {
      return batchedStreamStepsPerSecond / oneByOneStreamStepsPerSecond;
    }
  }

  private final Config config;
  private final IrModel ir;
  private final Model model;
  private final StepOptions options;
  private final List<Tensor> frames = new ArrayList<>(); // each [1, 1, input]

  /** @param config sizes and repetitions */
  public StepBenchmark(Config config) {
    this.config = config;
    this.ir = BenchModels.lstmCell(config.input(), config.hidden(), 1);
    this.model = Model.of(ir);
    this.options = StepOptions.defaults().backend(BackendChoice.ORT).threads(config.threads());
    Random r = new Random(2);
    for (int i = 0; i < config.frames(); i++) {
      frames.add(BenchModels.random(r, 1.0, 1, 1, config.input()));
    }
  }

  /**
   * Runs every measurement.
   *
   * @param log progress lines
   * @return the figures
   * @throws OrtException when ONNX Runtime fails
   */
  public Figures run(PrintWriter log) throws OrtException {
    long[] stateShape = {1, 1, config.hidden()};
    double[] raw = new double[config.rounds()];
    double[] step = new double[config.rounds()];
    try (RawOrtLoop loop = new RawOrtLoop(OnnxWriter.toBytes(ir),
            Map.of("h", "hn", "c", "cn"), Map.of("h", stateShape, "c", stateShape),
            Math.max(config.threads(), 1));
        StepSession session = model.newStepSession(options)) {
      long[] frameShape = {1, 1, config.input()};
      List<float[]> rawFrames = frames.stream().map(Tensor::toFloatArray).toList();
      for (int round = -1; round < config.rounds(); round++) { // round -1 warms up
        long t0 = System.nanoTime();
        for (float[] f : rawFrames) {
          loop.step("x", f, frameShape, "y");
        }
        long t1 = System.nanoTime();
        for (Tensor f : frames) {
          session.step(Map.of("x", f));
        }
        long t2 = System.nanoTime();
        if (round >= 0) {
          raw[round] = (t1 - t0) / 1e3 / frames.size();
          step[round] = (t2 - t1) / 1e3 / frames.size();
          log.printf("round %d: raw loop %.1f us/step, StepSession %.1f us/step%n", round,
              raw[round], step[round]);
        }
      }
    }
    double[] oneByOne = new double[config.rounds()];
    double[] batched = new double[config.rounds()];
    List<StepSession> sessions = new ArrayList<>();
    try (StreamBatcher batcher = model.newStreamBatcher(options)) {
      for (int s = 0; s < config.streams(); s++) {
        sessions.add(model.newStepSession(options));
        batcher.join("s" + s);
      }
      int steps = Math.min(config.batchSteps(), frames.size());
      for (int round = -1; round < config.rounds(); round++) {
        long t0 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
          for (StepSession s : sessions) {
            s.step(Map.of("x", frames.get(t)));
          }
        }
        long t1 = System.nanoTime();
        for (int t = 0; t < steps; t++) {
          Map<String, Map<String, Tensor>> batch = new LinkedHashMap<>();
          for (int s = 0; s < config.streams(); s++) {
            batch.put("s" + s, Map.of("x", frames.get(t)));
          }
          batcher.step(batch);
        }
        long t2 = System.nanoTime();
        if (round >= 0) {
          double streamSteps = (double) steps * config.streams();
          oneByOne[round] = streamSteps / ((t1 - t0) / 1e9);
          batched[round] = streamSteps / ((t2 - t1) / 1e9);
          log.printf("round %d: %d streams one by one %.0f stream-steps/s, batched %.0f%n",
              round, config.streams(), oneByOne[round], batched[round]);
        }
      }
    } finally {
      sessions.forEach(StepSession::close);
    }
    return new Figures(median(raw), median(step), median(oneByOne), median(batched));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
