package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attributes whose spelling, type or default changed, and deprecated operators:
 * <ul>
 *   <li>Cast-1 named its target type ({@code "FLOAT"}); version 6 numbers it;</li>
 *   <li>Concat-1 defaulted {@code axis} to 1; from 4 it is required;</li>
 *   <li>Selu-1 defaulted alpha to 1.6732 and gamma to 1.0507, version 6 to their float32
 *       approximations of the exact constants, so absent ones are written out;</li>
 *   <li>LpPool-1 and GlobalLpPool-1 took {@code p} as a float, version 2 as an int;</li>
 *   <li>LSTM-1, RNN-1 and GRU-3 had {@code output_sequence}, which only said whether Y, an
 *       optional output anyway, is produced;</li>
 *   <li>Scatter (deprecated at 11) is ScatterElements-11 by another name;</li>
 *   <li>OneHot-9 gave all-off rows for negative indices, which version 11 counts from the end,
 *       so negative indices are replaced by depth (out of range at 11 too).</li>
 * </ul>
 */
final class LegacyAttributeUpgrades {
  private LegacyAttributeUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    r.add("Cast", 1, 6, LegacyAttributeUpgrades::cast1);
    r.add("Concat", 1, 4, (n, s) -> UpgradeStep.Rewrite.to(n.attribute("axis").isPresent() ? n
        : n.withAttribute(Attribute.of("axis", 1L)), 4));
    r.add("Selu", 1, 6, LegacyAttributeUpgrades::selu1);
    r.add("LpPool", 1, 2, LegacyAttributeUpgrades::integerP);
    r.add("GlobalLpPool", 1, 2, LegacyAttributeUpgrades::integerP);
    r.add("LSTM", 1, 7, (n, s) -> UpgradeStep.Rewrite.to(
        n.withoutAttribute("output_sequence"), 7));
    r.add("RNN", 1, 7, (n, s) -> UpgradeStep.Rewrite.to(
        n.withoutAttribute("output_sequence"), 7));
    r.add("GRU", 3, 7, (n, s) -> UpgradeStep.Rewrite.to(
        n.withoutAttribute("output_sequence"), 7));
    for (long from : new long[] {9, 11}) {
      r.add("Scatter", from, 11, (n, s) -> UpgradeStep.Rewrite.to(
          UpgradeScope.renamed(n, "ScatterElements"), 11));
    }
    r.add("OneHot", 9, 11, LegacyAttributeUpgrades::oneHot9);
  }

  private static UpgradeStep.Rewrite cast1(Node n, UpgradeScope s) {
    Attribute to = n.attribute("to").orElseThrow(() -> s.refuse("attribute 'to' is missing"));
    if (to.kind() == Attribute.Kind.INT) {
      return UpgradeStep.Rewrite.to(n, 6);
    }
    ElementType type;
    try {
      type = ElementType.valueOf(to.asString().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.refuse("'to' names no data type: '" + to.asString() + "'");
    }
    return UpgradeStep.Rewrite.to(n.withAttribute(Attribute.of("to", (long) type.onnxCode())),
        6);
  }

  private static UpgradeStep.Rewrite selu1(Node n, UpgradeScope s) {
    Node node = n;
    if (n.attribute("alpha").isEmpty()) {
      node = node.withAttribute(Attribute.of("alpha", 1.6732f));
    }
    if (n.attribute("gamma").isEmpty()) {
      node = node.withAttribute(Attribute.of("gamma", 1.0507f));
    }
    return UpgradeStep.Rewrite.to(node, 6);
  }

  private static UpgradeStep.Rewrite integerP(Node n, UpgradeScope s) {
    if (n.opType().equals("LpPool") && n.attribute("kernel_shape").isEmpty()) {
      throw s.refuse("LpPool-1 without kernel_shape has no counterpart from version 2 on");
    }
    float p = n.floatAttr("p", 2f);
    if (p != Math.rint(p)) {
      throw s.refuse("p = " + p + " is not an integer, which version 2 requires");
    }
    return UpgradeStep.Rewrite.to(n.withAttribute(Attribute.of("p", (long) p)), 2);
  }

  private static UpgradeStep.Rewrite oneHot9(Node n, UpgradeScope s) {
    List<Node> before = new ArrayList<>();
    String indices = n.inputs().get(0);
    String zero = s.constant(before, n, "zero", Tensor.scalar(0L));
    String negative = s.add(before, n, "negative", "Less", List.of(indices,
        s.add(before, n, "zero_like", "CastLike", List.of(zero, indices))));
    String depth = s.add(before, n, "depth_scalar", "Reshape", List.of(n.inputs().get(1),
        s.constant(before, n, "scalar", Tensor.of(new long[0], 0))));
    String off = s.add(before, n, "depth_like", "CastLike", List.of(depth, indices));
    String kept = s.add(before, n, "indices", "Where", List.of(negative, off, indices));
    List<String> inputs = new ArrayList<>(n.inputs());
    inputs.set(0, kept);
    return UpgradeStep.Rewrite.after(before, n.withInputs(inputs), 11);
  }
}
