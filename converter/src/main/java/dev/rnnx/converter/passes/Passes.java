package dev.rnnx.converter.passes;

import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The standard pass pipelines. */
public final class Passes {
  private Passes() {}

  /**
   * The default pipeline: recurrent layout normalization, shape inference, the upgrade of
   * old-opset nodes (which reads the inferred ranks), constant folding, If pruning, dead-node
   * elimination, and shape inference again for what folding and pruning made known.
   *
   * @return the pipeline
   */
  public static PassPipeline standard() {
    return new PassPipeline(standardPasses());
  }

  /**
   * The default pipeline after binding some graph inputs to constants, which specializes the
   * model to them (e.g. a fixed batch size, or a flag that selects an If branch).
   *
   * @param inputs the value of each bound input, by name
   * @return the pipeline
   */
  public static PassPipeline specializing(Map<String, Tensor> inputs) {
    List<GraphPass> passes = new ArrayList<>();
    passes.add(new InputBinding(inputs));
    passes.addAll(standardPasses());
    return new PassPipeline(passes);
  }

  private static List<GraphPass> standardPasses() {
    return List.of(new RecurrentLayoutNormalization(), new ShapeInference(), new OpsetUpgrade(),
        new ConstantFolding(), new IfPruning(), new DeadNodeElimination(), new ShapeInference());
  }
}
