package dev.rnnx.runtime.spi;

import dev.rnnx.tensor.Tensor;
import java.util.Map;

/** A model compiled by a {@link Backend}; holds native resources until closed. */
public interface Executable extends AutoCloseable {
  /**
   * Runs the model once. Inputs have been checked against the model's inputs already.
   *
   * @param inputs a value for every required graph input
   * @return every graph output by name, in graph order
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs);

  /** Releases native resources; further runs are refused. */
  @Override
  void close();
}
