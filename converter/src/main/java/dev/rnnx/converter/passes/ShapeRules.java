package dev.rnnx.converter.passes;

import java.util.HashMap;
import java.util.Map;

/** The {@link ShapeRule} of each default-domain operator that shape inference knows. */
final class ShapeRules {
  private static final Map<String, ShapeRule> RULES = new HashMap<>();

  static {
    ElementwiseRules.register(RULES);
    GeneratorRules.register(RULES);
    ReshapeRules.register(RULES);
    SlicingRules.register(RULES);
    LinearAlgebraRules.register(RULES);
    ConvolutionRules.register(RULES);
    ReductionRules.register(RULES);
    NormalizationRules.register(RULES);
    RecurrentRules.register(RULES);
    ControlFlowRules.register(RULES);
  }

  private ShapeRules() {}

  /**
   * @param opType a default-domain operator
   * @return its rule, or null when inference does not know it
   */
  static ShapeRule of(String opType) {
    return RULES.get(opType);
  }
}
