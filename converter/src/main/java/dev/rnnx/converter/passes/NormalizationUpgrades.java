package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * BatchNormalization and GroupNormalization.
 *
 * <p>BatchNormalization chose its mode by {@code is_test} (version 6, default training) or by
 * how many outputs a node has (7 and 9: more than Y means training); version 14 says it with
 * {@code training_mode}, and its outputs Y, running_mean, running_var are the first three of
 * the old five (saved_mean and saved_var have no counterpart, so a node using them is refused).
 * Versions 6 and 7 also had {@code spatial=0}, statistics per activation with scale, B, mean
 * and var of shape (C, D1, ..., Dn); in test mode that is the elementwise
 * {@code (X - mean) / sqrt(var + epsilon) * scale + B}, written out with numpy broadcasting.
 *
 * <p>GroupNormalization-18 took scale and bias per group; version 21 takes them per channel, so
 * each is repeated C / num_groups times, C read from X's shape.
 */
final class NormalizationUpgrades {
  private NormalizationUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    for (long from : new long[] {6, 7, 9}) {
      r.add("BatchNormalization", from, 14, (n, s) -> batchNorm(n, s, from));
    }
    r.add("GroupNormalization", 18, 21, NormalizationUpgrades::groupNorm18);
  }

  private static UpgradeStep.Rewrite batchNorm(Node n, UpgradeScope s, long version) {
    boolean statsOut = n.output(1).isPresent() || n.output(2).isPresent();
    if (n.output(3).isPresent() || n.output(4).isPresent()) {
      throw s.refuse("outputs saved_mean and saved_var have no counterpart from version 14 on");
    }
    boolean training = version == 6 ? n.intAttr("is_test", 0) == 0 : statsOut;
    if (!training && statsOut) {
      throw s.refuse("is_test=1 with running mean or variance outputs has no counterpart from"
          + " version 14 on");
    }
    Node base = n.withoutAttribute("is_test").withoutAttribute("spatial");
    if (n.intAttr("spatial", 1) == 0) {
      if (training) {
        throw s.refuse("spatial=0 in training mode has no counterpart from version 9 on");
      }
      return perActivation(n, s);
    }
    if (!training || !statsOut) {
      Node node = base.withOutputs(List.of(n.outputs().get(0)));
      return UpgradeStep.Rewrite.to(training
          ? node.withAttribute(Attribute.of("training_mode", 1L)) : node, 14);
    }
    // version 14 has 1 or 3 outputs; an unused one gets a name (ONNX Runtime 1.29 crashes
    // training with an empty running_var)
    String y = n.outputs().get(0);
    List<String> outputs = List.of(y, n.output(1).orElseGet(() -> s.fresh(y + "_running_mean")),
        n.output(2).orElseGet(() -> s.fresh(y + "_running_var")));
    return UpgradeStep.Rewrite.to(base.withOutputs(outputs)
        .withAttribute(Attribute.of("training_mode", 1L)), 14);
  }

  /** Test mode, statistics per activation: plain arithmetic. */
  private static UpgradeStep.Rewrite perActivation(Node n, UpgradeScope s) {
    List<Node> before = new ArrayList<>();
    List<String> in = n.inputs();
    String x = in.get(0);
    String eps = s.floatLike(before, n, "epsilon", n.floatAttr("epsilon", 1e-5f), x);
    String centered = s.add(before, n, "centered", "Sub", List.of(x, in.get(3)));
    String variance = s.add(before, n, "variance", "Add", List.of(in.get(4), eps));
    String deviation = s.add(before, n, "deviation", "Sqrt", List.of(variance));
    String normalized = s.add(before, n, "normalized", "Div", List.of(centered, deviation));
    String scaled = s.add(before, n, "scaled", "Mul", List.of(normalized, in.get(1)));
    Node shift = UpgradeScope.helper(n, "shifted", "Add", List.of(scaled, in.get(2)),
        List.of(n.outputs().get(0)));
    return UpgradeStep.Rewrite.after(before, shift, s.current("Add"));
  }

  private static UpgradeStep.Rewrite groupNorm18(Node n, UpgradeScope s) {
    long groups = n.attribute("num_groups").orElseThrow(
        () -> s.refuse("attribute 'num_groups' is missing")).asInt();
    List<Node> before = new ArrayList<>();
    String x = n.inputs().get(0);
    String channels = s.add(before, n, "channels", "Shape", List.of(x),
        Attribute.of("start", 1L), Attribute.of("end", 2L));
    String perGroup = s.add(before, n, "channels_per_group", "Div",
        List.of(channels, s.int64s(before, n, "groups", groups)));
    String spread = s.add(before, n, "spread", "Concat",
        List.of(s.int64s(before, n, "one", 1), perGroup), Attribute.of("axis", 0L));
    String column = s.int64s(before, n, "column", -1, 1);
    String flat = s.int64s(before, n, "flat", -1);
    List<String> inputs = new ArrayList<>(List.of(x));
    for (int i = 1; i <= 2; i++) {
      String role = i == 1 ? "scale" : "bias";
      String v = s.add(before, n, role + "_column", "Reshape", List.of(n.inputs().get(i),
          column));
      String e = s.add(before, n, role + "_spread", "Expand", List.of(v, spread));
      inputs.add(s.add(before, n, role + "_per_channel", "Reshape", List.of(e, flat)));
    }
    return UpgradeStep.Rewrite.after(before, n.withInputs(inputs), 21);
  }
}
