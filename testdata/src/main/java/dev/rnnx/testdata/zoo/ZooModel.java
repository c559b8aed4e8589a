package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model of the zoo as it lies on disk: {@code <dir>/model.onnx}, {@code inputs/<name>.npy}
 * and {@code golden/<name>.npy}, described by {@code model.properties}.
 *
 * @param name the folder name, e.g. {@code lstm_tiny}
 * @param dir the model's folder
 * @param exercises what the model exercises
 * @param opset its default-domain opset
 * @param inputs graph input names, in graph order
 * @param outputs graph output names, in graph order (one golden each)
 * @param goldenSource which implementation computed the goldens
 */
public record ZooModel(String name, Path dir, String exercises, long opset, List<String> inputs,
    List<String> outputs, GoldenSource goldenSource) {

  /** Copies the lists. */
  public ZooModel {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** @return whether ONNX Runtime 1.29 runs this model (then it computed the goldens) */
  public boolean ortCanRun() {
    return goldenSource == GoldenSource.ONNX_RUNTIME;
  }

  /** @return the {@code model.onnx} file */
  public Path modelFile() {
    return dir.resolve("model.onnx");
  }

  /**
   * @param input a graph input name
   * @return its {@code .npy} file
   */
  public Path inputFile(String input) {
    return dir.resolve("inputs").resolve(input + ".npy");
  }

  /**
   * @param output a graph output name
   * @return its golden {@code .npy} file
   */
  public Path goldenFile(String output) {
    return dir.resolve("golden").resolve(output + ".npy");
  }

  /** @return every input tensor by name, in graph order */
  public Map<String, Tensor> readInputs() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    inputs.forEach(n -> out.put(n, Npy.read(inputFile(n))));
    return out;
  }

  /** @return every golden output tensor by name, in graph order */
  public Map<String, Tensor> readGoldens() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    outputs.forEach(n -> out.put(n, Npy.read(goldenFile(n))));
    return out;
  }
}
