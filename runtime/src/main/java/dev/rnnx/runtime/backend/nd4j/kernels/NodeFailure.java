package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.function.Supplier;

/** Failures of a running node, told with the node they happened in (once, innermost). */
public final class NodeFailure {
  private NodeFailure() {}

  /**
   * Runs one node's kernel.
   *
   * @param <T> the interpreter's value type
   * @param node the node
   * @param named how many outputs the node names
   * @param kernel runs the node's kernel
   * @return the kernel's outputs (at least {@code named})
   * @throws RnnxException naming the node, for any failure
   */
  public static <T> T[] run(Node node, int named, Supplier<T[]> kernel) {
    try {
      T[] out = kernel.get();
      if (out.length < named) {
        throw new IllegalStateException("kernel made " + out.length + " outputs, node names "
            + named);
      }
      return out;
    } catch (RuntimeException e) {
      throw of(node, e);
    }
  }

  /**
   * @param node the node that was running
   * @param e what it threw
   * @return an exception whose message starts with the node (an RnnxException keeps its code;
   *     anything else is a BACKEND_FAILURE), or {@code e} when it already names a node
   */
  private static RnnxException of(Node node, RuntimeException e) {
    if (e instanceof RnnxException r) {
      if (r.getMessage() != null && r.getMessage().startsWith("node ")) {
        return r;
      }
      return new RnnxException(r.code(), "node " + node.describe() + ": " + r.getMessage(), r);
    }
    return new RnnxException(ErrorCode.BACKEND_FAILURE, "node " + node.describe() + ": " + e, e);
  }
}
