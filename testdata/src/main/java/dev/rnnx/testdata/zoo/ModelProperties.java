package dev.rnnx.testdata.zoo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Reads and writes a zoo model's {@code model.properties}: what {@link ZooModel} holds besides
 * the folder. Written with sorted keys and no timestamp, so regenerating changes nothing.
 */
final class ModelProperties {
  static final String FILE = "model.properties";

  private ModelProperties() {}

  static void write(ZooSpec spec, Path dir) {
    String text = "# written by ZooGenerator; see testdata/README.md\n"
        + "exercises=" + escape(spec.exercises()) + "\n"
        + "golden=" + spec.goldenSource().label() + "\n"
        + "inputs=" + String.join(",", spec.inputs().keySet()) + "\n"
        + "name=" + spec.name() + "\n"
        + "opset=" + spec.opset() + "\n"
        + "outputs=" + String.join(",", spec.outputs()) + "\n";
    try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      w.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  static ZooModel read(Path dir) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(FILE), e);
    }
    return new ZooModel(p.getProperty("name"), dir, p.getProperty("exercises"),
        Long.parseLong(p.getProperty("opset")), list(p.getProperty("inputs")),
        list(p.getProperty("outputs")), GoldenSource.parse(p.getProperty("golden")));
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }

  /** Escapes what {@link Properties#load} would otherwise read specially. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == '#' || c == '!' || c == '=' || c == ':') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
