package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Tensor;
import java.util.Map;

/** A zoo model's outputs computed in plain Java, from the weights it was built with. */
@FunctionalInterface
public interface ZooReference {
  /**
   * @param inputs the graph inputs by name
   * @return the graph outputs by name
   */
  Map<String, Tensor> evaluate(Map<String, Tensor> inputs);
}
