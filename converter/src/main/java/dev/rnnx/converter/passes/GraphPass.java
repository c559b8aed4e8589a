package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.IrModel;

/**
 * One rewrite of a model that keeps its meaning.
 *
 * <p>A pass rewrites the given model's graph in place and returns the model to continue with:
 * the same object, or, when a model-level field must change (the IR version, so that new
 * constants may be initializers that are not graph inputs), a new {@link IrModel} around the
 * rewritten graph. Callers always continue with the returned model.
 */
public interface GraphPass {
  /** @return a short name for messages, e.g. {@code constant-folding} */
  String name();

  /**
   * Rewrites the model.
   *
   * @param model the model; its graph may be changed in place
   * @return the rewritten model (often {@code model} itself)
   * @throws dev.rnnx.RnnxException when the model is malformed or an argument does not fit;
   *     the message names the node
   */
  IrModel apply(IrModel model);
}
