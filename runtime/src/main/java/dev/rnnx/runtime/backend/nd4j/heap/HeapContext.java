package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.tensor.ElementType;
import java.util.Optional;

/** What a heap kernel factory may ask about its node while compiling it. */
interface HeapContext {
  /**
   * @param input the node's input position
   * @return the input's value when it is a constant (initializer or Constant node)
   */
  Optional<Dense> constant(int input);

  /**
   * @param input the node's input position
   * @return the element type the graph declares for the input, when known
   */
  Optional<ElementType> type(int input);

  /**
   * @param output the node's output position
   * @return the element type the graph declares for the output, when known
   */
  Optional<ElementType> outputType(int output);

  /**
   * @param body a subgraph of the node
   * @return the body compiled, or empty when the heap path cannot run it
   */
  Optional<HeapProgram> compile(Graph body);
}
