package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A compiled If, Loop or Scan body. */
public interface Subgraph {
  /** @return how many inputs the body declares */
  int inputCount();

  /** @return how many outputs the body declares */
  int outputCount();

  /**
   * Runs the body once. The caller owns one reference to each output and gives it back with
   * {@link Scope#release} once done with it; the inputs stay the caller's.
   *
   * @param inputs a value for each body input, in order
   * @param outer the scope the body's outer-scope names are looked up in
   * @return the body outputs, in order
   */
  List<INDArray> run(List<INDArray> inputs, Scope outer);
}
