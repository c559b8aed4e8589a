package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.tensor.ElementType;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a kernel factory may use while compiling a node. */
public interface CompileContext {
  /**
   * @param input an input position of the node being compiled
   * @return the input's value when it is a constant (initializer or Constant node), already
   *     converted; such values live as long as the compiled model
   */
  Optional<INDArray> constant(int input);

  /**
   * @param body a subgraph held by the node
   * @return the subgraph compiled in the node's scope
   */
  Subgraph compile(Graph body);

  /**
   * Keeps an array made at compile time (re-laid-out weights, a fixed result) for the compiled
   * model's lifetime: runs never free it, even when a kernel returns it as an output.
   *
   * @param value the array
   * @return the same array
   */
  INDArray keep(INDArray value);

  /**
   * @param input an input position of the node being compiled
   * @return the element type the graph declares for that input's value, if it does
   */
  Optional<ElementType> declaredType(int input);
}
