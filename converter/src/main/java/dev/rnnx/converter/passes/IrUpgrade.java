package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;

/**
 * Lets a model hold constants as initializers that are not graph inputs. IR versions up to 3
 * require every main-graph initializer to be a graph input (and list subgraph constants among
 * the subgraph's inputs, after the actual ones); IR 4 dropped both rules and changed nothing
 * else, so such a model is lifted to IR 4.
 */
final class IrUpgrade {
  /** The first IR version whose initializers need not be graph inputs. */
  static final long CONSTANT_INITIALIZERS = 4;

  private IrUpgrade() {}

  /**
   * @param model a model that now has (or is about to have) constant initializers
   * @return the model itself at IR 4 or later, else a copy at IR 4 sharing its graph
   */
  static IrModel allowConstantInitializers(IrModel model) {
    if (model.irVersion() >= CONSTANT_INITIALIZERS) {
      return model;
    }
    for (Node n : model.graph().allNodes()) {
      n.subgraphs().forEach(IrUpgrade::dropInitializerInputs);
    }
    return new IrModel(CONSTANT_INITIALIZERS, model.opsets(), model.metadata(),
        model.producerName(), model.producerVersion(), model.docString(), model.graph());
  }

  /** IR 3 subgraphs list their constants as inputs too; IR 4 must not. */
  private static void dropInitializerInputs(Graph sub) {
    sub.inputs().removeIf(v -> sub.initializers().containsKey(v.name()));
  }
}
