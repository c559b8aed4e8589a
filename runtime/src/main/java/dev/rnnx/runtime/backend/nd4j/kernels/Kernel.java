package dev.rnnx.runtime.backend.nd4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One node compiled for the ND4J interpreter: computes its outputs from its inputs. */
@FunctionalInterface
public interface Kernel {
  /**
   * Runs the node once. Inputs are never modified; outputs are new arrays or inputs passed
   * through (the interpreter counts references per buffer, so either is safe).
   *
   * @param in the node's inputs by position, null where an optional input is absent
   * @param scope the values visible to the node, for control-flow kernels
   * @return the outputs by position (at least as many as the node names)
   */
  INDArray[] run(INDArray[] in, Scope scope);

  /**
   * @return true when {@link #run} returns each output with one reference already taken for
   *     the caller (control-flow kernels, whose outputs come from subgraph runs)
   */
  default boolean returnsReferences() {
    return false;
  }
}
