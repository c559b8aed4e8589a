package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the model zoo: for each model of {@link ZooCatalog}, {@code <zoo>/<name>/model.onnx},
 * {@code inputs/<input>.npy}, {@code golden/<output>.npy} and {@code model.properties}; then the
 * table of models in {@code testdata/README.md}. Goldens come from ONNX Runtime where it runs the
 * model, else from the reference kernels. Output is deterministic: rerunning it on the same
 * machine rewrites identical files.
 *
 * <p>Run with {@code mvn -q -pl testdata compile exec:java} (after {@code mvn -q -pl converter,testdata
 * -am install -DskipTests}), or with {@code java -cp ... dev.rnnx.testdata.zoo.ZooGenerator
 * [zooDir]}; the zoo folder defaults to {@link Zoo#locate()}.
 */
public final class ZooGenerator {
  static final String TABLE_BEGIN = "<!-- zoo-table:begin (written by ZooGenerator) -->";
  static final String TABLE_END = "<!-- zoo-table:end -->";

  private ZooGenerator() {}

  /**
   * @param args optionally the zoo folder
   */
  public static void main(String[] args) {
    Path zoo = args.length > 0 ? Path.of(args[0]) : Zoo.locate();
    List<ZooSpec> specs = ZooCatalog.all();
    removeStale(zoo, specs.stream().map(ZooSpec::name).collect(Collectors.toSet()));
    for (ZooSpec spec : specs) {
      write(spec, zoo.resolve(spec.name()));
      System.out.println("wrote " + spec.name() + " (goldens: " + spec.goldenSource().label()
          + ")");
    }
    Path readme = zoo.toAbsolutePath().getParent().resolve("README.md");
    if (Files.isRegularFile(readme)) {
      updateTable(readme, specs);
      System.out.println("updated the model table in " + readme);
    }
  }

  /**
   * Computes a spec's golden outputs.
   *
   * @param spec the model
   * @return the outputs by name, in graph order
   */
  static Map<String, Tensor> goldens(ZooSpec spec) {
    Map<String, Tensor> all = spec.ortCanRun() ? OrtRunner.run(spec.model(), spec.inputs())
        : spec.reference().evaluate(spec.inputs());
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String name : spec.outputs()) {
      Tensor t = all.get(name);
      if (t == null) {
        throw new IllegalStateException(spec.name() + ": no output " + name);
      }
      out.put(name, t);
    }
    return out;
  }

  private static void write(ZooSpec spec, Path dir) {
    Map<String, Tensor> goldens = goldens(spec);
    try {
      deleteTree(dir);
      Files.createDirectories(dir.resolve("inputs"));
      Files.createDirectories(dir.resolve("golden"));
      Files.write(dir.resolve("model.onnx"), spec.model());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir, e);
    }
    spec.inputs().forEach((name, t) -> Npy.write(t, dir.resolve("inputs").resolve(name + ".npy")));
    goldens.forEach((name, t) -> Npy.write(t, dir.resolve("golden").resolve(name + ".npy")));
    ModelProperties.write(spec, dir);
  }

  /** Deletes model folders (those with a model.properties) that the catalog no longer has. */
  private static void removeStale(Path zoo, Set<String> names) {
    if (!Files.isDirectory(zoo)) {
      return;
    }
    for (ZooModel m : Zoo.models(zoo)) {
      if (!names.contains(m.dir().getFileName().toString())) {
        deleteTree(m.dir());
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** Replaces the text between the table markers of the README with the current table. */
  static void updateTable(Path readme, List<ZooSpec> specs) {
    try {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int begin = text.indexOf(TABLE_BEGIN);
      int end = text.indexOf(TABLE_END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(readme + " has no zoo table markers");
      }
      String updated = text.substring(0, begin + TABLE_BEGIN.length()) + "\n" + table(specs)
          + text.substring(end);
      Files.writeString(readme, updated, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + readme, e);
    }
  }

  /** @return the README's Markdown table of the models */
  static String table(List<ZooSpec> specs) {
    StringBuilder b = new StringBuilder();
    b.append("| model | opset | exercises | goldens |\n");
    b.append("| --- | --- | --- | --- |\n");
    for (ZooSpec s : specs) {
      b.append("| `").append(s.name()).append("` | ").append(s.opset()).append(" | ")
          .append(s.exercises().replace("|", "\\|")).append(" | ")
          .append(s.goldenSource() == GoldenSource.ONNX_RUNTIME ? "ONNX Runtime" : "reference")
          .append(" |\n");
    }
    return b.toString();
  }
}
