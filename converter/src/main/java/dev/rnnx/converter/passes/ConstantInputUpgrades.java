package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Float attributes that became inputs of the data's own type: Pad's {@code value} (11, with
 * {@code pads} as an int64 input; Pad-1 called them {@code paddings}) and Clip's {@code min} and
 * {@code max} (11). The values are cast to the data's type with CastLike, so that type need not
 * be known. Clip-6's bounds defaulted to the float range ({@code ±3.402823e+38}), which clips
 * infinities, so absent bounds are written out too.
 */
final class ConstantInputUpgrades {
  private ConstantInputUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    r.add("Pad", 1, 2, ConstantInputUpgrades::pad1);
    r.add("Pad", 2, 11, ConstantInputUpgrades::pad2);
    r.add("Clip", 6, 11, ConstantInputUpgrades::clip6);
  }

  private static UpgradeStep.Rewrite pad1(Node n, UpgradeScope s) {
    Attribute paddings = n.attribute("paddings").orElseThrow(
        () -> s.refuse("attribute 'paddings' is missing"));
    return UpgradeStep.Rewrite.to(n.withoutAttribute("paddings")
        .withAttribute(Attribute.ints("pads", paddings.asInts())), 2);
  }

  private static UpgradeStep.Rewrite pad2(Node n, UpgradeScope s) {
    Attribute pads = n.attribute("pads").orElseThrow(
        () -> s.refuse("attribute 'pads' is missing"));
    List<Node> before = new ArrayList<>();
    String data = n.inputs().get(0);
    List<String> inputs = new ArrayList<>(List.of(data, s.int64s(before, n, "pads",
        pads.asInts())));
    float value = n.floatAttr("value", 0f);
    if (value != 0f) {
      inputs.add(s.floatLike(before, n, "value", value, data));
    }
    Node node = n.withoutAttribute("pads").withoutAttribute("value").withInputs(inputs);
    return UpgradeStep.Rewrite.after(before, node, 11);
  }

  private static UpgradeStep.Rewrite clip6(Node n, UpgradeScope s) {
    List<Node> before = new ArrayList<>();
    String x = n.inputs().get(0);
    String min = s.floatLike(before, n, "min", n.floatAttr("min", -Float.MAX_VALUE), x);
    String max = s.floatLike(before, n, "max", n.floatAttr("max", Float.MAX_VALUE), x);
    Node node = n.withoutAttribute("min").withoutAttribute("max")
        .withInputs(List.of(x, min, max));
    return UpgradeStep.Rewrite.after(before, node, 11);
  }
}
