package dev.rnnx.converter.passes;

import dev.rnnx.tensor.Tensor;
import java.util.List;

/** Evaluates one operator on constant inputs, in plain Java. */
@FunctionalInterface
interface FoldKernel {
  /**
   * @param c the node and its constant inputs
   * @return the value of each output, in order
   * @throws NotFoldable when this case is not evaluated; the node then stays
   * @throws IllegalArgumentException when the inputs contradict the operator's definition
   */
  List<Tensor> fold(FoldContext c);
}
