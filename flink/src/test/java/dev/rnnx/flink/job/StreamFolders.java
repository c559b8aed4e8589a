package dev.rnnx.flink.job;

import dev.rnnx.flink.TestModels;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Input folders of random streams for the test LSTM, and the frames they hold. */
final class StreamFolders {
  private StreamFolders() {}

  /**
   * Writes {@code <key>.npy} streams [frames, 1, 4] of 20 to 30 frames.
   *
   * @param dir the folder, created
   * @param keys how many streams
   * @param seed data seed
   * @return each key's frames [1, 1, 4] as the job cuts them, by key
   */
  static Map<String, List<Map<String, Tensor>>> lstmStreams(Path dir, int keys, long seed)
      throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(seed);
    Map<String, List<Map<String, Tensor>>> streams = new TreeMap<>();
    for (int k = 0; k < keys; k++) {
      String key = String.format("stream-%03d", k);
      int frames = 20 + r.nextInt(11);
      Tensor stream = TestModels.random(r, frames, 1, TestModels.INPUT);
      Npy.write(stream, dir.resolve(key + ".npy"));
      List<Map<String, Tensor>> cut = new ArrayList<>();
      for (int t = 0; t < frames; t++) {
        cut.add(Map.of("X", stream.slice0(t).reshape(1, 1, TestModels.INPUT)));
      }
      streams.put(key, cut);
    }
    return streams;
  }

  /** @return the number of frames of all streams */
  static long frames(Map<String, List<Map<String, Tensor>>> streams) {
    return streams.values().stream().mapToLong(List::size).sum();
  }
}
