package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;

/** Failures of a running node, told with the node they happened in (once, innermost). */
public final class NodeFailure {
  private NodeFailure() {}

  /**
   * @param node the node that was running
   * @param e what it threw
   * @return an exception whose message starts with the node (an RnnxException keeps its code;
   *     anything else is a BACKEND_FAILURE), or {@code e} when it already names a node
   */
  public static RnnxException of(Node node, RuntimeException e) {
    if (e instanceof RnnxException r) {
      if (r.getMessage() != null && r.getMessage().startsWith("node ")) {
        return r;
      }
      return new RnnxException(r.code(), "node " + node.describe() + ": " + r.getMessage(), r);
    }
    return new RnnxException(ErrorCode.BACKEND_FAILURE, "node " + node.describe() + ": " + e, e);
  }
}
