package dev.rnnx.converter.passes;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.ModelFormatException;
import java.util.function.Supplier;

/** Puts the node a failure happened at in front of its message: {@code node 'x' (Op): ...}. */
final class NodeErrors {
  private NodeErrors() {}

  /**
   * @param node the node at fault
   * @param message what is wrong
   * @return a model format exception naming the node
   */
  static ModelFormatException format(Node node, String message) {
    return new ModelFormatException("node " + node.describe() + ": " + message);
  }

  /**
   * Runs work done for one node; failures come out naming it. Malformed attributes (a wrong
   * kind, an index out of range) surface as the unchecked exceptions converted here.
   *
   * @param node the node being worked on
   * @param work the work
   * @return what the work returned
   */
  static <T> T at(Node node, Supplier<T> work) {
    try {
      return work.get();
    } catch (ModelFormatException e) {
      throw new ModelFormatException(prefix(node, e), e);
    } catch (RnnxException e) {
      throw new RnnxException(e.code(), prefix(node, e), e);
    } catch (IllegalStateException | IllegalArgumentException | ArithmeticException
        | IndexOutOfBoundsException e) {
      throw new ModelFormatException(prefix(node, e), e);
    }
  }

  private static String prefix(Node node, RuntimeException e) {
    String here = "node " + node.describe() + ": ";
    String message = String.valueOf(e.getMessage());
    return message.startsWith(here) ? message : here + message;
  }
}
