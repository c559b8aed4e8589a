package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the generator needs to write one zoo model: the model, its inputs, and a
 * plain-Java evaluation of it that does not go through the ONNX graph.
 *
 * @param name the folder name
 * @param exercises what the model exercises, one line for the README
 * @param opset the default-domain opset the model imports
 * @param model the {@code .onnx} bytes
 * @param inputs graph inputs by name, in graph order
 * @param outputs graph output names, in graph order
 * @param ortCanRun whether ONNX Runtime 1.29 runs the model (its goldens then come from ORT)
 * @param reference computes the outputs from the inputs in plain Java (reference kernels, or
 *     the frameworks' layer equations for exporter-style models)
 */
public record ZooSpec(String name, String exercises, long opset, byte[] model,
    Map<String, Tensor> inputs, List<String> outputs, boolean ortCanRun,
    ZooReference reference) {

  /** Copies the collections, keeping the inputs' order. */
  public ZooSpec {
    inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = List.copyOf(outputs);
  }

  /** @return where the goldens come from */
  public GoldenSource goldenSource() {
    return ortCanRun ? GoldenSource.ONNX_RUNTIME : GoldenSource.REFERENCE;
  }
}
