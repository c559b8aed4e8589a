package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;

/**
 * Lets a model hold constants as initializers that are not graph inputs. Up to IR version 3
 * every initializer, of the main graph or a subgraph, must also be a graph input (a subgraph
 * lists its constants after its actual inputs); IR 4 dropped that rule and changed nothing
 * else, so a model whose passes add or move initializers is lifted to IR 4.
 */
final class IrUpgrade {
  /** The first IR version whose initializers need not be graph inputs. */
  static final long CONSTANT_INITIALIZERS = 4;

  private IrUpgrade() {}

  /**
   * @param model a model that now has initializers added or moved by a pass
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
