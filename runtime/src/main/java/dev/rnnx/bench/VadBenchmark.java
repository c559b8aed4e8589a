package dev.rnnx.bench;

import ai.onnxruntime.OrtException;
import dev.rnnx.RnnxException;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.vad.Audio;
import dev.rnnx.vad.SileroVad;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Silero VAD per step, through {@link SileroVad} on each backend against
 * {@link RawSileroLoop}: per-step latency (median, p99) and real-time factor (processing time
 * over audio time) over the whole audio. Rounds alternate between the contenders, so drift of
 * the machine hits all alike; the first round of each warms up and is not counted.
 */
public final class VadBenchmark {
  /**
   * What to run.
   *
   * @param modelBytes the Silero VAD model
   * @param audio mono audio at 8 or 16 kHz
   * @param backends the backends to measure
   * @param rounds measured rounds
   * @param threads intra-op threads for every contender
   */
  public record Config(byte[] modelBytes, Audio audio, List<BackendChoice> backends, int rounds,
      int threads) {}

  /**
   * One contender's figures.
   *
   * @param medianMicros median step latency
   * @param p99Micros 99th-percentile step latency
   * @param realTimeFactor processing time of the median round over the audio's duration
   */
  public record Latency(double medianMicros, double p99Micros, double realTimeFactor) {}

  /**
   * Measured figures.
   *
   * @param raw the raw ONNX Runtime loop
   * @param backends each backend that opened, by name
   * @param unavailable each backend that did not open, by name, with the reason
   */
  public record Figures(Latency raw, Map<String, Latency> backends,
      Map<String, String> unavailable) {}

  private final Config config;
  private final List<float[]> frames = new ArrayList<>();

  /** @param config model, audio, backends and repetitions */
  public VadBenchmark(Config config) {
    this.config = config;
    int n = SileroVad.frameSamples(config.audio().sampleRate());
    float[] samples = config.audio().samples();
    for (int start = 0; start < samples.length; start += n) {
      frames.add(Arrays.copyOfRange(samples, start, start + n)); // the last one zero-padded
    }
  }

  /** @return the number of steps in one round */
  public int steps() {
    return frames.size();
  }

  /**
   * Runs every measurement.
   *
   * @param log one line per round and contender
   * @return the figures
   * @throws OrtException when ONNX Runtime fails in the raw loop
   */
  public Figures run(PrintWriter log) throws OrtException {
    Model model = Model.load(config.modelBytes());
    SileroVad.Version version = SileroVad.version(model);
    int rate = config.audio().sampleRate();
    Map<String, SileroVad> sessions = new LinkedHashMap<>();
    Map<String, String> unavailable = new LinkedHashMap<>();
    try (RawSileroLoop raw = new RawSileroLoop(config.modelBytes(), version, rate,
        Math.max(config.threads(), 1))) {
      for (BackendChoice b : config.backends()) {
        try {
          sessions.put(b.cliName(), new SileroVad(model, rate,
              StepOptions.defaults().backend(b).threads(config.threads())));
        } catch (RnnxException e) {
          unavailable.put(b.cliName(), e.getMessage());
        }
      }
      Samples rawSamples = new Samples(config.rounds(), frames.size());
      Map<String, Samples> samples = new LinkedHashMap<>();
      sessions.keySet().forEach(k -> samples.put(k, new Samples(config.rounds(),
          frames.size())));
      for (int round = -1; round < config.rounds(); round++) { // round -1 warms up
        for (float[] f : frames) { // the raw loop keeps its state across rounds: same cost
          long t0 = System.nanoTime();
          raw.step(f);
          rawSamples.record(round, System.nanoTime() - t0);
        }
        for (Map.Entry<String, SileroVad> e : sessions.entrySet()) {
          SileroVad vad = e.getValue();
          vad.reset();
          Samples s = samples.get(e.getKey());
          for (float[] f : frames) {
            long t0 = System.nanoTime();
            vad.step(f);
            s.record(round, System.nanoTime() - t0);
          }
        }
        if (round >= 0) {
          log.println(roundLine(round, rawSamples, samples));
        }
      }
      double seconds = config.audio().seconds();
      Map<String, Latency> figures = new LinkedHashMap<>();
      samples.forEach((name, s) -> figures.put(name, s.latency(seconds)));
      return new Figures(rawSamples.latency(seconds), figures, unavailable);
    } finally {
      sessions.values().forEach(SileroVad::close);
    }
  }

  private static String roundLine(int round, Samples raw, Map<String, Samples> backends) {
    StringBuilder line = new StringBuilder(String.format("round %d: raw loop %.1f us/step",
        round, raw.roundMicrosPerStep(round)));
    backends.forEach((name, s) -> line.append(String.format(", %s %.1f us/step", name,
        s.roundMicrosPerStep(round))));
    return line.toString();
  }

  /** Step times of the measured rounds. */
  private static final class Samples {
    private final long[][] nanos; // [round][step]
    private final int[] count;

    Samples(int rounds, int steps) {
      this.nanos = new long[rounds][steps];
      this.count = new int[rounds];
    }

    void record(int round, long elapsed) {
      if (round >= 0) {
        nanos[round][count[round]++] = elapsed;
      }
    }

    double roundMicrosPerStep(int round) {
      return Arrays.stream(nanos[round]).sum() / 1e3 / nanos[round].length;
    }

    Latency latency(double audioSeconds) {
      long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
      double[] roundSeconds = Arrays.stream(nanos)
          .mapToDouble(r -> Arrays.stream(r).sum() / 1e9).sorted().toArray();
      return new Latency(all[all.length / 2] / 1e3,
          all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e3,
          roundSeconds[roundSeconds.length / 2] / audioSeconds);
    }
  }
}
