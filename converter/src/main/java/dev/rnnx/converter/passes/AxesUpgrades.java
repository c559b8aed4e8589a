package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Integer arguments that moved from attributes to int64 inputs, with unchanged meaning:
 * Squeeze and Unsqueeze axes (13), Reduce* axes (ReduceSum at 13, the others at 18), Split
 * lengths (13), Slice starts, ends and axes (10), TopK's k (10), Reshape's shape (5), DFT's axis
 * (20, whose default moved from 1 to -2, so it is always given), and Tile-1's tiles and axis,
 * which became a repeats vector (6). Split-1 took its lengths from an attribute or a second
 * input and had no default axis (2 made it 0); Split-18 needs {@code num_outputs} for equal
 * parts.
 */
final class AxesUpgrades {
  private static final List<String> REDUCE_AT_18 = List.of("ReduceL1", "ReduceL2",
      "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd",
      "ReduceSumSquare");

  private AxesUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    r.add("Squeeze", 11, 13, (n, s) -> axesInput(n, s, "axes", false, 13));
    r.add("Unsqueeze", 11, 13, (n, s) -> axesInput(n, s, "axes", true, 13));
    r.add("ReduceSum", 11, 13, (n, s) -> axesInput(n, s, "axes", false, 13));
    REDUCE_AT_18.forEach(op -> r.add(op, 13, 18, (n, s) -> axesInput(n, s, "axes", false, 18)));
    r.add("Split", 1, 2, AxesUpgrades::split1);
    r.add("Split", 11, 13, (n, s) -> axesInput(n, s, "split", false, 13));
    r.add("Split", 13, 18, AxesUpgrades::split13);
    r.add("Slice", 1, 10, AxesUpgrades::slice1);
    r.add("TopK", 1, 10, (n, s) -> axesInput(n, s, "k", true, 10));
    r.add("Reshape", 1, 5, (n, s) -> axesInput(n, s, "shape", true, 5));
    r.add("DFT", 17, 20, AxesUpgrades::dft17);
    r.add("Tile", 1, 6, AxesUpgrades::tile1);
  }

  /** Moves an ints (or int) attribute to the node's next input, a 1-D int64 constant. */
  private static UpgradeStep.Rewrite axesInput(Node n, UpgradeScope s, String attr,
      boolean required, long reaches) {
    Node plain = n.withoutAttribute(attr);
    Optional<Attribute> a = n.attribute(attr);
    if (a.isEmpty()) {
      if (required) {
        throw s.refuse("attribute '" + attr + "' is missing");
      }
      return UpgradeStep.Rewrite.to(plain, reaches);
    }
    long[] values = a.get().kind() == Attribute.Kind.INT ? new long[] {a.get().asInt()}
        : a.get().asInts();
    List<Node> before = new ArrayList<>();
    List<String> inputs = new ArrayList<>(n.inputs());
    inputs.add(s.int64s(before, n, attr, values));
    return UpgradeStep.Rewrite.after(before, plain.withInputs(inputs), reaches);
  }

  private static UpgradeStep.Rewrite split1(Node n, UpgradeScope s) {
    if (n.attribute("axis").isEmpty()) {
      throw s.refuse("Split-1 has no default axis and none is given");
    }
    Node node = n.withInputs(List.of(n.inputs().get(0)));
    Optional<String> lengths = n.input(1);
    if (lengths.isPresent()) {
      Tensor t = s.constant(lengths.get());
      if (t == null) {
        throw s.refuse("the split lengths come from input '" + lengths.get()
            + "', which is not constant");
      }
      long[] split = new long[t.size()];
      Arrays.setAll(split, i -> (long) t.getDouble(i));
      node = node.withAttribute(Attribute.ints("split", split));
    }
    return UpgradeStep.Rewrite.to(node, 2);
  }

  private static UpgradeStep.Rewrite split13(Node n, UpgradeScope s) {
    if (n.input(1).isPresent()) {
      return UpgradeStep.Rewrite.to(n, 18);
    }
    return UpgradeStep.Rewrite.to(n.withAttribute(Attribute.of("num_outputs",
        (long) n.outputs().size())), 18);
  }

  private static UpgradeStep.Rewrite slice1(Node n, UpgradeScope s) {
    List<Node> before = new ArrayList<>();
    List<String> inputs = new ArrayList<>(List.of(n.inputs().get(0)));
    for (String attr : List.of("starts", "ends", "axes")) {
      Optional<Attribute> a = n.attribute(attr);
      if (a.isPresent()) {
        inputs.add(s.int64s(before, n, attr, a.get().asInts()));
      } else if (!attr.equals("axes")) {
        throw s.refuse("attribute '" + attr + "' is missing");
      }
    }
    Node node = n.withoutAttribute("starts").withoutAttribute("ends").withoutAttribute("axes")
        .withInputs(inputs);
    return UpgradeStep.Rewrite.after(before, node, 10);
  }

  private static UpgradeStep.Rewrite dft17(Node n, UpgradeScope s) {
    List<Node> before = new ArrayList<>();
    String axis = s.constant(before, n, "axis", Tensor.scalar(n.intAttr("axis", 1)));
    List<String> inputs = List.of(n.inputs().get(0), n.input(1).orElse(""), axis);
    return UpgradeStep.Rewrite.after(before, n.withoutAttribute("axis").withInputs(inputs), 20);
  }

  private static UpgradeStep.Rewrite tile1(Node n, UpgradeScope s) {
    Tensor tiles = n.input(1).map(s::constant).orElse(null);
    Tensor axis = n.input(2).map(s::constant).orElse(null);
    int rank = s.rank(n.inputs().get(0));
    if (tiles == null || axis == null || rank < 0) {
      throw s.refuse("Tile-1 becomes a repeats vector only with constant tiles and axis and"
          + " an input of known rank");
    }
    long[] repeats = new long[rank];
    Arrays.fill(repeats, 1);
    repeats[Dims.axis((long) axis.getDouble(0), rank)] = (long) tiles.getDouble(0);
    List<Node> before = new ArrayList<>();
    String r = s.int64s(before, n, "repeats", repeats);
    return UpgradeStep.Rewrite.after(before, n.withInputs(List.of(n.inputs().get(0), r)), 6);
  }
}
