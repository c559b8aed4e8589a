package dev.rnnx.runtime.backend.nd4j.heap;

/** One node compiled for the heap path: computes its outputs from its inputs. */
@FunctionalInterface
interface HeapKernel extends AutoCloseable {
  /**
   * Runs the node once. Inputs are never modified; outputs are new tensors or inputs passed
   * through (values are immutable once returned).
   *
   * @param in the node's inputs by position, null where an optional input is absent
   * @param scope the values visible to the node, for If
   * @return the outputs by position (at least as many as the node names)
   */
  Dense[] run(Dense[] in, HeapScope scope);

  /** Frees native memory the kernel holds (BLAS operands); the default holds none. */
  @Override
  default void close() {}
}
