package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Softmax, LogSoftmax and Hardmax before version 13 coerced the input to 2-D at {@code axis}
 * (default 1), [d0 * ... * d(axis-1), d(axis) * ... * d(n-1)], and normalized each row; from
 * 13 they normalize along the one axis given (default -1). The two agree when the axis is the
 * last one; otherwise the node becomes Flatten at the axis, the op along the rows, and a
 * Reshape back to the input's shape.
 */
final class SoftmaxUpgrades {
  private SoftmaxUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    for (String op : List.of("Softmax", "LogSoftmax", "Hardmax")) {
      r.add(op, 11, 13, SoftmaxUpgrades::coercedTo2d);
    }
  }

  private static UpgradeStep.Rewrite coercedTo2d(Node n, UpgradeScope s) {
    String x = n.inputs().get(0);
    long axis = n.intAttr("axis", 1);
    int rank = s.rank(x);
    Attribute last = Attribute.of("axis", -1L);
    if (axis == -1 || rank >= 0 && axis == rank - 1) {
      return UpgradeStep.Rewrite.to(n.withAttribute(last), 13);
    }
    List<Node> before = new ArrayList<>();
    String rows = s.add(before, n, "rows", "Flatten", List.of(x), Attribute.of("axis", axis));
    String normalized = s.fresh(n.outputs().get(0) + "_rows");
    Node op = n.withAttribute(last).withInputs(List.of(rows)).withOutputs(List.of(normalized));
    List<Node> after = new ArrayList<>();
    String shape = s.add(after, n, "shape", "Shape", List.of(x));
    after.add(UpgradeScope.helper(n, "reshape", "Reshape", List.of(normalized, shape),
        List.of(n.outputs().get(0))));
    return new UpgradeStep.Rewrite(before, op, after, 13);
  }
}
