package dev.rnnx.flink.job;

import dev.rnnx.cli.TensorFiles;
import dev.rnnx.flink.RejectedFrame;
import dev.rnnx.flink.StepOutput;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the committed step outputs into {@code OUT/<key>.<output>.npy}, each output stacked per
 * step along a new axis 0 as {@code rnnx step} writes it, and the rejected frames into
 * {@code OUT/rejected.tsv}. Deterministic: keys, steps and lines are sorted. Checks that every
 * key's committed steps are exactly 0..n-1, each once.
 */
final class OutputAssembler {
  /** The file listing rejected frames: key, inputs, reason; tab-separated, sorted. */
  static final String REJECTED_FILE = "rejected.tsv";

  /**
   * What was written.
   *
   * @param keys keys with outputs
   * @param steps steps of all keys
   * @param rejected rejected frames
   */
  record Summary(int keys, long steps, int rejected) {}

  private OutputAssembler() {}

  /**
   * @param outputs every committed step output
   * @param rejected every committed rejected frame
   * @param dir the output folder
   * @return counts of what was written
   * @throws IllegalStateException when a key's steps are not exactly 0..n-1 each once
   * @throws IOException when a file cannot be written
   */
  static Summary assemble(List<StepOutput> outputs, List<RejectedFrame> rejected, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, List<StepOutput>> byKey = new TreeMap<>();
    outputs.forEach(o -> byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
    for (Map.Entry<String, List<StepOutput>> e : byKey.entrySet()) {
      List<StepOutput> steps = e.getValue();
      steps.sort(Comparator.comparingLong(StepOutput::step));
      checkSteps(e.getKey(), steps);
      Map<String, List<Tensor>> stacked = new LinkedHashMap<>();
      steps.forEach(s -> s.outputs().forEach((name, t) ->
          stacked.computeIfAbsent(name, n -> new ArrayList<>()).add(t)));
      for (Map.Entry<String, List<Tensor>> o : stacked.entrySet()) {
        Npy.write(Tensor.stack(o.getValue()),
            dir.resolve(TensorFiles.fileName(e.getKey() + "." + o.getKey())));
      }
    }
    List<String> lines = new ArrayList<>(rejected.stream().map(r -> r.key() + "\t"
        + r.describeInputs() + "\t" + r.reason().replace('\t', ' ').replace('\n', ' ')).toList());
    lines.sort(null);
    Files.write(dir.resolve(REJECTED_FILE), lines, StandardCharsets.UTF_8);
    return new Summary(byKey.size(), outputs.size(), rejected.size());
  }

  /** Steps sorted: each must be its own index, so none is missing or repeated. */
  static void checkSteps(String key, List<StepOutput> sorted) {
    for (int i = 0; i < sorted.size(); i++) {
      long step = sorted.get(i).step();
      if (step != i) {
        throw new IllegalStateException("key '" + key + "': " + (step < i
            ? "step " + step + " was committed more than once"
            : "step " + i + " is missing") + " (" + sorted.size() + " steps committed)");
      }
    }
  }
}
