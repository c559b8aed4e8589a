package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Dropout. Version 7 dropped {@code is_test}: from then on whoever runs the graph decides
 * whether it trains, and inference runs Dropout as identity. Version 10 made the mask bool
 * (it had the data's type), so a used mask is cast back with CastLike. Version 12 moved
 * {@code ratio} to an input.
 */
final class DropoutUpgrades {
  private DropoutUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    r.add("Dropout", 6, 7, (n, s) -> UpgradeStep.Rewrite.to(n.withoutAttribute("is_test"), 7));
    r.add("Dropout", 7, 10, DropoutUpgrades::boolMask);
    r.add("Dropout", 10, 12, DropoutUpgrades::ratioInput);
  }

  private static UpgradeStep.Rewrite boolMask(Node n, UpgradeScope s) {
    if (n.output(1).isEmpty()) {
      return UpgradeStep.Rewrite.to(n, 10);
    }
    String mask = n.outputs().get(1);
    String bool = s.fresh(mask + "_bool");
    List<String> outputs = new ArrayList<>(n.outputs());
    outputs.set(1, bool);
    Node cast = UpgradeScope.helper(n, "mask", "CastLike", List.of(bool, n.inputs().get(0)),
        List.of(mask));
    return new UpgradeStep.Rewrite(List.of(), n.withOutputs(outputs), List.of(cast), 10);
  }

  private static UpgradeStep.Rewrite ratioInput(Node n, UpgradeScope s) {
    if (n.attribute("ratio").isEmpty()) {
      return UpgradeStep.Rewrite.to(n, 12);
    }
    List<Node> before = new ArrayList<>();
    String ratio = s.constant(before, n, "ratio", Tensor.scalar(n.floatAttr("ratio", 0.5f)));
    Node node = n.withoutAttribute("ratio").withInputs(List.of(n.inputs().get(0), ratio));
    return UpgradeStep.Rewrite.after(before, node, 12);
  }
}
