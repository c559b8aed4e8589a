package dev.rnnx.flink.job;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.cli.StreamFrames;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The input folder of the step job: one stream per key, {@code <key>.npy} for a model with one
 * frame input, {@code <key>.<input>.npy} per frame input otherwise; frames along axis 0 as in
 * {@code rnnx step}.
 */
final class InputStreams {
  /**
   * One key's stream files.
   *
   * @param key the key
   * @param files the file name of each frame input's stream, by input name
   * @param frames the number of frames
   */
  record KeyStream(String key, LinkedHashMap<String, String> files, int frames)
      implements Serializable {}

  private InputStreams() {}

  /**
   * Lists and checks every stream: each key has a file for every frame input, ranks that cut
   * into frames, and equal frame counts.
   *
   * @param dir the input folder
   * @param specs the model's frame inputs
   * @return the streams, by key in sorted order
   * @throws RnnxException (INVALID_ARGUMENT or IO) naming the file at fault
   */
  static List<KeyStream> scan(Path dir, List<TensorSpec> specs) {
    Map<String, LinkedHashMap<String, String>> byKey = new TreeMap<>();
    for (String file : npyFiles(dir)) {
      String stem = file.substring(0, file.length() - ".npy".length());
      String input = inputOf(stem, specs, file);
      String key = specs.size() == 1 ? stem : stem.substring(0, stem.length() - input.length() - 1);
      byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(input, file);
    }
    List<KeyStream> streams = new ArrayList<>();
    for (Map.Entry<String, LinkedHashMap<String, String>> e : byKey.entrySet()) {
      LinkedHashMap<String, String> files = new LinkedHashMap<>();
      for (TensorSpec s : specs) {
        String file = e.getValue().get(s.name());
        if (file == null) {
          throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "key '" + e.getKey() + "' has no "
              + e.getKey() + "." + s.name() + ".npy for frame input " + s);
        }
        files.put(s.name(), file);
      }
      KeyStream partial = new KeyStream(e.getKey(), files, 0);
      streams.add(new KeyStream(e.getKey(), files, frames(dir, partial, specs).count()));
    }
    return streams;
  }

  /**
   * Reads a key's streams and cuts them into frames.
   *
   * @param dir the input folder
   * @param stream the key's files
   * @param specs the model's frame inputs (only names and ranks are used)
   * @return the frames
   */
  static StreamFrames frames(Path dir, KeyStream stream, List<TensorSpec> specs) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    stream.files().forEach((input, file) -> tensors.put(input, Npy.read(dir.resolve(file))));
    try {
      return new StreamFrames(specs, tensors);
    } catch (RnnxException e) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "key '" + stream.key() + "' ("
          + String.join(", ", stream.files().values()) + "): " + e.getMessage(), e);
    }
  }

  /**
   * @param ranks each frame input's rank (-1 when unknown), by name
   * @return frame input specs carrying only names and ranks, enough to cut streams
   */
  static List<TensorSpec> specsOfRanks(Map<String, Integer> ranks) {
    List<TensorSpec> specs = new ArrayList<>();
    ranks.forEach((name, rank) -> specs.add(new TensorSpec(name, null,
        rank < 0 ? null : Collections.nCopies(rank, Dim.UNKNOWN))));
    return specs;
  }

  /** @return each frame input's rank (-1 when unknown), by name */
  static LinkedHashMap<String, Integer> ranksOf(List<TensorSpec> specs) {
    LinkedHashMap<String, Integer> ranks = new LinkedHashMap<>();
    specs.forEach(s -> ranks.put(s.name(), s.dims() == null ? -1 : s.dims().size()));
    return ranks;
  }

  private static List<String> npyFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new RnnxException(ErrorCode.IO, "input folder " + dir + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".npy")).sorted().toList();
      if (names.isEmpty()) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "input folder " + dir
            + " holds no .npy streams");
      }
      return names;
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot list input folder " + dir + ": " + e, e);
    }
  }

  /** The frame input a file feeds: the only one, else the longest input name ending the stem. */
  private static String inputOf(String stem, List<TensorSpec> specs, String file) {
    if (specs.size() == 1) {
      return specs.get(0).name();
    }
    return specs.stream().map(TensorSpec::name)
        .filter(n -> stem.endsWith("." + n) && stem.length() > n.length() + 1)
        .max(java.util.Comparator.comparingInt(String::length))
        .orElseThrow(() -> new RnnxException(ErrorCode.INVALID_ARGUMENT, "input file " + file
            + " is not named <key>.<input>.npy with an input of the model ("
            + String.join(", ", specs.stream().map(TensorSpec::name).toList()) + ")"));
  }
}
