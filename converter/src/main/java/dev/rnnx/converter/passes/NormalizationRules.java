package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Normalizations with statistics outputs: BatchNormalization, LayerNormalization. */
final class NormalizationRules {
  private NormalizationRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("BatchNormalization", NormalizationRules::batchNormalization);
    rules.put("LayerNormalization", NormalizationRules::layerNormalization);
  }

  /** Y like X; the running or saved statistics (training mode, older versions) [C]. */
  private static List<ValueType> batchNormalization(InferenceContext c) {
    List<Dim> x = c.dims(0);
    Dim channels = x != null && x.size() > 1 ? x.get(1)
        : c.dims(1) != null && c.dims(1).size() == 1 ? c.dims(1).get(0) : Dim.UNKNOWN;
    ValueType stats = Dims.tensor(c.firstElem(3, 1), List.of(channels));
    return ShapeRule.of(ElementwiseRules.like(c, 0, c.elem(0)), stats, stats, stats, stats);
  }

  /** Y like X; Mean and InvStdDev [d0, ..., d(axis-1), 1, ..., 1] of type stash_type. */
  private static List<ValueType> layerNormalization(InferenceContext c) {
    List<Dim> x = c.dims(0);
    ElementType stash = ElementType.fromOnnx((int) c.node().intAttr("stash_type", 1))
        .orElseThrow(() -> c.fail("unknown stash_type"));
    List<Dim> stats = null;
    if (x != null) {
      int axis = Dims.axis(c.node().intAttr("axis", -1), x.size());
      stats = new ArrayList<>(x.subList(0, axis));
      for (int k = axis; k < x.size(); k++) {
        stats.add(Dim.of(1));
      }
    }
    ValueType statsType = Dims.tensor(stash, stats);
    return ShapeRule.of(ElementwiseRules.like(c, 0, c.elem(0)), statsType, statsType);
  }
}
