package dev.rnnx.runtime;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.passes.Passes;
import dev.rnnx.tensor.Tensor;
import java.util.Map;

/** Turns an imported model into the graph backends execute (converter passes applied). */
final class ModelPreparation {
  private ModelPreparation() {}

  /**
   * @param imported the model as imported; left as it was
   * @param constants inputs bound for the session's lifetime, by name
   * @return a transformed copy
   */
  static IrModel prepare(IrModel imported, Map<String, Tensor> constants) {
    return Passes.specializing(constants).run(imported.copy());
  }
}
