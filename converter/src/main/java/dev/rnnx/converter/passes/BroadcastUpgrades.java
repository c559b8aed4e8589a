package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Legacy broadcasting. Before version 7, Add, Sub, Mul, Div, Pow, And, Or, Xor, Equal, Greater
 * and Less took {@code broadcast} and {@code axis} attributes: without {@code broadcast} both
 * operands have one shape; with it B is a scalar, a tensor of one element or a contiguous run of
 * A's dims, matched from the end, or from {@code axis} when given. Numpy broadcasting (version
 * 7) agrees in every case but the last, which trailing size-1 dims appended to B (Unsqueeze)
 * make agree. Gemm-6's {@code broadcast} let C broadcast to (M, N), which Gemm-7 always does;
 * PRelu-6 defined a slope of one element or of X's shape, both of which broadcast
 * unidirectionally at version 7 as well.
 */
final class BroadcastUpgrades {
  private BroadcastUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    for (String op : List.of("Add", "Sub", "Mul", "Div")) {
      r.add(op, 6, 7, BroadcastUpgrades::legacyBroadcast);
    }
    for (String op : List.of("Pow", "And", "Or", "Xor", "Equal", "Greater", "Less")) {
      r.add(op, 1, 7, BroadcastUpgrades::legacyBroadcast);
    }
    r.add("Gemm", 6, 7, (n, s) -> UpgradeStep.Rewrite.to(n.withoutAttribute("broadcast"), 7));
    r.add("PRelu", 6, 7, BroadcastUpgrades::prelu);
  }

  private static UpgradeStep.Rewrite legacyBroadcast(Node n, UpgradeScope s) {
    Node plain = n.withoutAttribute("broadcast").withoutAttribute("axis");
    if (n.intAttr("broadcast", 0) == 0 || n.attribute("axis").isEmpty()) {
      return UpgradeStep.Rewrite.to(plain, 7);
    }
    String a = n.inputs().get(0);
    String b = n.inputs().get(1);
    int rankA = s.rank(a);
    int rankB = s.rank(b);
    if (rankA < 0 || rankB < 0) {
      throw s.refuse("broadcast=1 with axis needs the ranks of both inputs, and the rank of '"
          + (rankA < 0 ? a : b) + "' is unknown");
    }
    long axis = n.intAttr("axis", 0);
    long start = axis < 0 ? axis + rankA : axis;
    long trailing = rankA - start - rankB;
    if (start < 0 || trailing < 0) {
      throw s.refuse("B of rank " + rankB + " does not fit into A of rank " + rankA
          + " at axis " + axis);
    }
    if (trailing == 0) {
      return UpgradeStep.Rewrite.to(plain, 7);
    }
    long[] axes = new long[(int) trailing];
    Arrays.setAll(axes, i -> rankB + i);
    List<Node> before = new ArrayList<>();
    String axesName = s.int64s(before, n, "axes", axes);
    String aligned = s.add(before, n, "aligned", "Unsqueeze", List.of(b, axesName));
    return UpgradeStep.Rewrite.after(before, plain.withInputs(List.of(a, aligned)), 7);
  }

  private static UpgradeStep.Rewrite prelu(Node n, UpgradeScope s) {
    long[] x = s.shape(n.inputs().get(0));
    long[] slope = s.shape(n.inputs().get(1));
    if (x != null && slope != null && !unidirectional(slope, x)) {
      throw s.refuse("slope of shape " + Arrays.toString(slope) + " does not broadcast to X's "
          + Arrays.toString(x));
    }
    return UpgradeStep.Rewrite.to(n, 7);
  }

  /** @return true when {@code from} broadcasts to {@code to} numpy-style, {@code to} unchanged */
  private static boolean unidirectional(long[] from, long[] to) {
    if (from.length > to.length) {
      return false;
    }
    for (int i = 1; i <= from.length; i++) {
      long f = from[from.length - i];
      if (f != 1 && f != to[to.length - i]) {
        return false;
      }
    }
    return true;
  }
}
