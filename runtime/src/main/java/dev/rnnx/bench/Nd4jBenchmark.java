package dev.rnnx.bench;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.tensor.Tensor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The nd4j backend against the ONNX Runtime backend on the same models, both through RNNX's
 * API: per step at batch 1 (StepSession) for LSTM, GRU and ConvLSTM cells, and whole
 * sequences (Session.run) for LSTM and GRU layers. Rounds alternate between the backends and
 * the median round is reported, so drift of the machine hits both alike.
 */
public final class Nd4jBenchmark {
  /**
   * What to run.
   *
   * @param hidden recurrent hidden size (also the input size)
   * @param seq steps of the whole-sequence workloads
   * @param steps steps (or sequence runs, a tenth as many) per round
   * @param rounds measured rounds
   * @param threads intra-op threads for both backends
   */
  public record Config(int hidden, int seq, int steps, int rounds, int threads) {}

  /**
   * One workload's figures.
   *
   * @param name what ran
   * @param ortMicros ONNX Runtime backend, microseconds per step or per sequence
   * @param nd4jMicros nd4j backend, likewise
   * @param target the largest acceptable nd4j / ort ratio
   */
  public record Row(String name, double ortMicros, double nd4jMicros, double target) {
    /** @return nd4j time over ONNX Runtime time */
    public double ratio() {
      return nd4jMicros / ortMicros;
    }
  }

  /** One model and how it is driven. */
  private record Workload(String name, IrModel model, boolean stepped, List<Map<String,
      Tensor>> feeds, double target) {}

  private final Config config;

  /** @param config sizes and repetitions */
  public Nd4jBenchmark(Config config) {
    this.config = config;
  }

  /**
   * Runs every workload.
   *
   * @param log one line per round and workload
   * @return one row per workload
   */
  public List<Row> run(PrintWriter log) {
    List<Row> rows = new ArrayList<>();
    for (Workload w : workloads()) {
      rows.add(measure(w, log));
    }
    return rows;
  }

  private List<Workload> workloads() {
    int h = config.hidden();
    Random r = new Random(3);
    List<Map<String, Tensor>> frames = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      frames.add(Map.of("x", BenchModels.random(r, 1.0, 1, 1, h)));
    }
    List<Map<String, Tensor>> sequences = List.of(Map.of("x",
        BenchModels.random(r, 1.0, config.seq(), 1, h)));
    List<Map<String, Tensor>> grids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      grids.add(Map.of("x", BenchModels.random(r, 1.0, 1, 8, 16, 16)));
    }
    return List.of(
        new Workload("LSTM " + h + ", one step", BenchModels.lstmCell(h, h, 1), true, frames,
            3),
        new Workload("LSTM " + h + ", " + config.seq() + " steps",
            BenchModels.sequence("LSTM", h, h, 1), false, sequences, 1.5),
        new Workload("GRU " + h + ", one step", BenchModels.gruCell(h, h, 1), true, frames, 3),
        new Workload("GRU " + h + ", " + config.seq() + " steps",
            BenchModels.sequence("GRU", h, h, 1), false, sequences, 1.5),
        new Workload("ConvLSTM 8->16 on 16x16, one step", BenchModels.convLstmCell(8, 16, 16, 1),
            true, grids, 3));
  }

  private Row measure(Workload w, PrintWriter log) {
    Model model = Model.of(w.model());
    BackendChoice[] backends = {BackendChoice.ORT, BackendChoice.ND4J};
    double[][] micros = new double[backends.length][config.rounds()];
    List<AutoCloseable> open = new ArrayList<>();
    try {
      List<Runnable> runs = new ArrayList<>();
      int count = w.stepped() ? config.steps() : Math.max(1, config.steps() / 10);
      for (BackendChoice b : backends) {
        Consumer<Map<String, Tensor>> one;
        if (w.stepped()) {
          StepSession s = model.newStepSession(StepOptions.defaults().backend(b)
              .threads(config.threads()));
          open.add(s);
          one = s::step;
        } else {
          Session s = model.newSession(SessionOptions.defaults().withBackend(b)
              .withThreads(config.threads()));
          open.add(s);
          one = s::run;
        }
        runs.add(() -> {
          for (int i = 0; i < count; i++) {
            one.accept(w.feeds().get(i % w.feeds().size()));
          }
        });
      }
      for (int round = -2; round < config.rounds(); round++) { // two rounds warm the JIT up
        StringBuilder line = new StringBuilder(w.name() + ", round " + round + ":");
        for (int b = 0; b < backends.length; b++) {
          long t0 = System.nanoTime();
          runs.get(b).run();
          double us = (System.nanoTime() - t0) / 1e3 / count;
          if (round >= 0) {
            micros[b][round] = us;
          }
          line.append(String.format(" %s %.1f us", backends[b].cliName(), us));
        }
        if (round >= 0) {
          log.println(line);
        }
      }
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          log.println("closing a session failed: " + e);
        }
      }
    }
    return new Row(w.name(), median(micros[0]), median(micros[1]), w.target());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
