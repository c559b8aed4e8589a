package dev.rnnx.converter.passes;

/**
 * Thrown by a fold kernel for a node it will not evaluate (a type it does not handle, a result
 * over the size cap, a case the spec leaves undefined): the node then simply stays.
 */
final class NotFoldable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param why why the node stays, for debugging */
  NotFoldable(String why) {
    super(why, null, false, false);
  }
}
