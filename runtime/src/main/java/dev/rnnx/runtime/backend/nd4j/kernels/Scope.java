package dev.rnnx.runtime.backend.nd4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The values a running graph sees: its own and, by name, those of the graphs around it. */
public interface Scope {
  /**
   * @param name a value name
   * @return the value visible under that name
   * @throws dev.rnnx.RnnxException when no enclosing graph holds it
   */
  INDArray lookup(String name);

  /**
   * Gives back one reference to a value a {@link Subgraph} returned; its buffer is freed when
   * nothing else holds it.
   *
   * @param value a subgraph output
   */
  void release(INDArray value);

  /**
   * Takes one reference to a value, keeping its buffer alive until it is released.
   *
   * @param value any value of the run
   */
  void retain(INDArray value);
}
