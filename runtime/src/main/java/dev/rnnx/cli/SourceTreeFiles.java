package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds files of the RNNX source tree that commands use by default (the fetched Silero VAD
 * models, the committed test audio), wherever {@code rnnx} is started from: in the working
 * directory or one above it, else above the jar or classes folder the CLI was loaded from.
 */
final class SourceTreeFiles {
  /** The default model of {@code rnnx vad}, as {@code testdata/fetch-models.sh} places it. */
  static final String SILERO_V5 = "testdata/models/pretrained/silero_vad_v5.onnx";
  /** The speech test audio {@code testdata/audio/make-test-audio.sh} made. */
  static final String TEST_AUDIO = "testdata/audio/speech-test.wav";

  private SourceTreeFiles() {}

  /**
   * @param relative a path inside the source tree
   * @return the file, where one of the searched folders holds it
   */
  static Optional<Path> find(String relative) {
    for (Path root : roots()) {
      for (Path dir = root; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(relative);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * @param given the path the user gave, or null
   * @param relative the default inside the source tree
   * @param what what the file is, for the error
   * @param hint how to get the default file
   * @return the given path, else the default one
   * @throws RnnxException IO saying where the default was looked for and how to get it
   */
  static Path orDefault(Path given, String relative, String what, String hint) {
    if (given != null) {
      return given;
    }
    return find(relative).orElseThrow(() -> new RnnxException(ErrorCode.IO, "no " + what
        + " given and the default, " + relative + ", is not there; " + hint));
  }

  private static List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    CodeSource code = SourceTreeFiles.class.getProtectionDomain().getCodeSource();
    if (code != null) {
      try {
        roots.add(Path.of(code.getLocation().toURI()).toAbsolutePath());
      } catch (URISyntaxException e) {
        // a code location that is no file path: the working directory alone is searched
      }
    }
    return roots;
  }
}
