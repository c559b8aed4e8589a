package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.rnnx.testdata.zoo.Zoo;
import dev.rnnx.testdata.zoo.ZooModel;
import org.junit.jupiter.api.Test;

/** 100,000 runs leave resident memory flat: every native tensor and result is closed. */
class SessionMemoryTest {
  private static final int RUNS = 100_000;
  private static final int CHECKPOINT_EVERY = 10_000;
  /**
   * Allowed growth of resident memory from the warm-up checkpoints (runs 20k-40k) to the last
   * ones (80k-100k). RSS wobbles by about 15 MiB between checkpoints as malloc arenas and the
   * heap breathe; a leak of one 172-byte output pair per run would add 11 MiB, of one native value
   * or buffer per run far more.
   */
  private static final long BOUND_MIB = 24;

  @Test
  void residentMemoryStaysFlatOver100000Runs() throws IOException {
    ZooModel tiny = Zoo.model("lstm_tiny"); // LSTM + Gemm head, X [5, 1, 4]
    Model m = Model.load(tiny.modelFile());
    Map<String, Tensor> feeds = tiny.readInputs();
    List<Long> checkpoints = new ArrayList<>(); // RSS in MiB after each 10k runs
    try (Session s = m.newSession(SessionOptions.defaults().withBackend(BackendChoice.ORT)
        .withThreads(1))) {
      for (int run = 1; run <= RUNS; run++) {
        s.run(feeds);
        if (run % CHECKPOINT_EVERY == 0) {
          System.gc();
          checkpoints.add(residentMib());
        }
      }
    }
    long warm = max(checkpoints.subList(1, 4));
    long last = max(checkpoints.subList(7, 10));
    assertTrue(last - warm <= BOUND_MIB, "resident memory grew from " + warm + " to " + last
        + " MiB (bound " + BOUND_MIB + " MiB); checkpoints every 10k runs: " + checkpoints);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  private static long residentMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
