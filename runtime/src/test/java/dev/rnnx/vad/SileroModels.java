package dev.rnnx.vad;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The fetched Silero VAD models and the committed speech test audio. */
public final class SileroModels {
  /** The models by the names the tests use. */
  public static final String[] VERSIONS = {"legacy", "v5", "v6"};
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private SileroModels() {}

  /**
   * @param version legacy, v5 or v6
   * @return the model file; the calling test is skipped, saying why, when it is not fetched
   */
  public static Path require(String version) {
    Path file = ROOT.resolve("testdata/models/pretrained/silero_vad_" + version + ".onnx");
    assumeTrue(Files.isRegularFile(file), "Silero VAD model " + file + " is not fetched (run"
        + " testdata/fetch-models.sh)");
    return file;
  }

  /** @return testdata/audio/speech-test.wav, 16 kHz mono, committed */
  public static Path speechAudio() {
    return ROOT.resolve("testdata/audio/speech-test.wav");
  }

  /** @return where make-test-audio.sh placed speech, {start, end} in seconds per sentence */
  public static double[][] speechTimes() throws java.io.IOException {
    return Files.readAllLines(ROOT.resolve("testdata/audio/speech-test.times.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> java.util.Arrays.stream(l.trim().split("\\s+"))
            .mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }
}
