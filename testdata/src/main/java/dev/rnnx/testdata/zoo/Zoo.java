package dev.rnnx.testdata.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The model zoo on disk, for any module's tests to iterate:
 *
 * <pre>{@code
 * for (ZooModel m : Zoo.models()) {
 *   Map<String, Tensor> out = run(m.modelFile(), m.readInputs());
 *   m.readGoldens().forEach((name, golden) -> assertClose(golden, out.get(name)));
 * }
 * }</pre>
 *
 * The zoo's folder is the system property {@code rnnx.zoo} when set, else the first
 * {@code testdata/models} found in the working directory or one of its parents (so it is found
 * from the project root and from any module's folder).
 */
public final class Zoo {
  /** The system property that names the zoo folder explicitly. */
  public static final String PROPERTY = "rnnx.zoo";

  private Zoo() {}

  /**
   * @return the zoo folder
   * @throws IllegalStateException if it cannot be found
   */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata").resolve("models");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no testdata/models in " + Path.of("").toAbsolutePath()
        + " or its parents; set -D" + PROPERTY + "=DIR");
  }

  /** @return every model of the zoo, by name */
  public static List<ZooModel> models() {
    return models(locate());
  }

  /**
   * @param zooDir a zoo folder
   * @return every model in it (every subfolder with a {@code model.properties}), by name
   */
  public static List<ZooModel> models(Path zooDir) {
    try (Stream<Path> dirs = Files.list(zooDir)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(ModelProperties.FILE)))
          .map(ModelProperties::read)
          .sorted(Comparator.comparing(ZooModel::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + zooDir, e);
    }
  }

  /**
   * @param name a model's name, e.g. {@code lstm_tiny}
   * @return that model
   * @throws NoSuchElementException if the zoo has no such model
   */
  public static ZooModel model(String name) {
    return models().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no zoo model " + name));
  }
}
