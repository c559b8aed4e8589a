package dev.rnnx.converter.onnx;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One ONNX backend test case: a folder with {@code model.onnx} and
 * {@code test_data_set_N/input_K.pb} / {@code output_K.pb} files, inputs and outputs in the order
 * of the graph's.
 *
 * @param name the folder's name, e.g. {@code test_lstm_defaults}
 * @param dir the folder
 */
public record OnnxTestCase(String name, Path dir) {
  private static final Pattern DATA_FILE = Pattern.compile("(input|output)_(\\d+)\\.pb");

  /** @return the model file */
  public Path model() {
    return dir.resolve("model.onnx");
  }

  /**
   * Finds every test case at or under a folder (the folder itself when it holds a model).
   *
   * @param root a case folder or a folder of case folders
   * @return the cases, sorted by name
   * @throws RnnxException if the folder cannot be listed
   */
  public static List<OnnxTestCase> findAll(Path root) {
    if (Files.isRegularFile(root.resolve("model.onnx"))) {
      return List.of(new OnnxTestCase(root.getFileName().toString(), root));
    }
    try (Stream<Path> walk = Files.walk(root, 4)) {
      return walk.filter(p -> p.getFileName().toString().equals("model.onnx"))
          .map(Path::getParent)
          .map(d -> new OnnxTestCase(d.getFileName().toString(), d))
          .sorted(Comparator.comparing(OnnxTestCase::name))
          .toList();
    } catch (IOException e) {
      throw new RnnxException(RnnxException.ErrorCode.IO, "cannot list " + root + ": " + e, e);
    }
  }

  /** @return the {@code test_data_set_N} folders, in order */
  public List<Path> dataSets() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Files.isDirectory(p)
              && p.getFileName().toString().startsWith("test_data_set_"))
          .sorted(Comparator.comparingInt(p ->
              Integer.parseInt(p.getFileName().toString().substring("test_data_set_".length()))))
          .toList();
    } catch (IOException | NumberFormatException e) {
      throw new RnnxException(RnnxException.ErrorCode.IO, "cannot list " + dir + ": " + e, e);
    }
  }

  /**
   * The input or output files of one data set, in index order.
   *
   * @param dataSet a {@code test_data_set_N} folder
   * @param kind {@code input} or {@code output}
   * @return the files
   */
  public static List<Path> files(Path dataSet, String kind) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(dataSet)) {
      list.forEach(p -> {
        Matcher m = DATA_FILE.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).equals(kind)) {
          out.add(p);
        }
      });
    } catch (IOException e) {
      throw new RnnxException(RnnxException.ErrorCode.IO, "cannot list " + dataSet + ": " + e, e);
    }
    out.sort(Comparator.comparingInt(p -> index(p)));
    return out;
  }

  private static int index(Path p) {
    Matcher m = DATA_FILE.matcher(p.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(2)) : -1;
  }

  /**
   * Reads the tensors of one data set. Values that are not plain tensors (sequences,
   * optionals) raise an {@link RnnxException} with code UNSUPPORTED.
   *
   * @param dataSet a {@code test_data_set_N} folder
   * @param kind {@code input} or {@code output}
   * @return the tensors in index order
   */
  public static List<Tensor> tensors(Path dataSet, String kind) {
    return files(dataSet, kind).stream().map(TensorProtos::readFile).toList();
  }

  /**
   * Reads the values of one data set, each parsed as the type the model declares for it (see
   * {@link TestValueProtos}).
   *
   * @param dataSet a {@code test_data_set_N} folder
   * @param kind {@code input} or {@code output}
   * @param declared the declared types of the graph's inputs or outputs, in order (null where
   *     unknown); files beyond them are read as tensors
   * @return the values in index order
   */
  public static List<TestValue> values(Path dataSet, String kind, List<ValueType> declared) {
    List<Path> files = files(dataSet, kind);
    List<TestValue> values = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      values.add(TestValueProtos.readFile(files.get(i), i < declared.size() ? declared.get(i)
          : null));
    }
    return values;
  }
}
