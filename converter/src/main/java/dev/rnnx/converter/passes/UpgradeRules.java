package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OperatorSets;
import java.util.HashMap;
import java.util.Map;

/**
 * The steps of {@link OpsetUpgrade}: for each operator version whose successor changed its
 * meaning or its signature, the step that rewrites a node of that version. Every other version
 * change in ONNX's Changelog.md (reviewed one by one) only adds types, adds attributes, inputs
 * or outputs whose defaults keep the old behaviour, or rewords the documentation, so a node
 * crosses it unchanged. Among those, two deserve a note: ConvTranspose-1 gives a padding formula
 * for SAME_UPPER that contradicts its own auto_pad attribute, whose text version 11 kept, so it
 * is taken as version 11 reads; and Mod-10 and Max/Min/Sum/Mean-6 only gained broadcasting,
 * which equal shapes (all the old versions accepted) do not exercise.
 */
final class UpgradeRules {
  /** A step and the version of the (possibly renamed) operator it reaches. */
  private record Rule(UpgradeStep step, long reaches) {}

  private static final Map<String, Rule> RULES = rules();

  private UpgradeRules() {}

  /** Registers the steps of one family. */
  interface Registry {
    /**
     * @param op the operator
     * @param from the version the step starts from
     * @param reaches the version it reaches
     * @param step the step
     */
    void add(String op, long from, long reaches, UpgradeStep step);
  }

  private static Map<String, Rule> rules() {
    Map<String, Rule> map = new HashMap<>();
    Registry r = (op, from, reaches, step) -> {
      if (map.put(op + "-" + from, new Rule(step, reaches)) != null) {
        throw new IllegalStateException("two upgrade steps from " + op + "-" + from);
      }
    };
    BroadcastUpgrades.register(r);
    AxesUpgrades.register(r);
    ConstantInputUpgrades.register(r);
    NormalizationUpgrades.register(r);
    DropoutUpgrades.register(r);
    SoftmaxUpgrades.register(r);
    ResizeUpgrades.register(r);
    LegacyAttributeUpgrades.register(r);
    r.add("Scan", 8, 9, ScanUpgrade::apply);
    return map;
  }

  /**
   * @param op an operator
   * @param version the version of a node's operator
   * @param target the opset the model is brought to
   * @return the step that rewrites such a node, or null when none is needed or the step would
   *     go beyond the target
   */
  static UpgradeStep step(String op, long version, long target) {
    Rule rule = RULES.get(op + "-" + version);
    return rule == null || rule.reaches() > target ? null : rule.step();
  }

  /**
   * @return the operator's next version after {@code version} that is defined by the target
   *     opset, or 0 when there is none
   */
  static long nextVersion(String op, long version, long target) {
    return OperatorSets.versions(Node.DEFAULT_DOMAIN, op).stream()
        .filter(v -> v > version && v <= target).findFirst().orElse(0L);
  }

  /**
   * The attribute {@code consumed_inputs} of versions before 6 was a legacy optimization hint
   * with no effect on results; version 6 dropped it everywhere.
   *
   * @return the node without it when its version predates 6
   */
  static Node withoutLegacyAttributes(Node n, long version) {
    return version < 6 ? n.withoutAttribute("consumed_inputs") : n;
  }
}
