package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OperatorSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings a model's default-domain operators to their versions at one target opset, keeping
 * what the model computes exactly as its own opset defines it (ONNX's Changelog.md is the
 * reference for every version's meaning).
 *
 * <p>A model older than {@link #OLDEST_KEPT_OPSET} (or the oldest opset given) is brought to
 * the target: every node, subgraphs included, is rewritten step by step
 * from the version its opset selects to the version the target selects: most steps only widen
 * types or add attributes and inputs whose defaults keep the old behaviour, and change nothing;
 * the others move attributes to inputs (Squeeze, Unsqueeze, Reduce*, Split, Slice, Pad, Clip,
 * TopK, Reshape, DFT, Dropout), replace legacy broadcasting with explicit reshapes, turn
 * 2-D-coerced Softmax/LogSoftmax/Hardmax into Flatten, the op and Reshape, map legacy modes and
 * defaults (BatchNormalization, Dropout, Upsample and Resize, GridSample, RoiAlign, Cast, Concat,
 * Selu, LpPool, OneHot, GroupNormalization), rename deprecated operators (Scatter,
 * Upsample), and wrap a batched Scan-8 in a Loop (see {@link UpgradeRules}). When every node
 * made it, the model's default opset import becomes the target; a node that cannot keep its
 * meaning stops the pass with an UNSUPPORTED error naming it and saying why. Types the rules
 * need (ranks, for legacy broadcasting) come from {@link ShapeInference}, run first.
 *
 * <p>A model from the oldest kept opset up to the target is left as it is: its operator versions
 * are ones every backend implements, and rewriting what needs no rewrite only risks a backend's
 * quirks (ONNX Runtime 1.29 expands its Swish-24 function at opset 24 only, say). A model newer
 * than the target is restamped with the target when none of its operators changed between the
 * two (so nothing changes but the stamp), and left as it is otherwise.
 */
public final class OpsetUpgrade implements GraphPass {
  /** The default target: the newest opset ONNX Runtime 1.29 officially supports. */
  public static final long TARGET_OPSET = 26;
  /**
   * The default oldest opset kept as it is: 18, the first after Squeeze, Unsqueeze, Split and
   * Reduce* took their axes as inputs (13 and 18) and Softmax normalized along one axis (13).
   */
  public static final long OLDEST_KEPT_OPSET = 18;
  /** The oldest target: the nodes this pass adds are written in forms valid from opset 18. */
  public static final long MIN_TARGET_OPSET = 18;

  private final long oldestKept;
  private final long target;

  /** Brings models older than {@link #OLDEST_KEPT_OPSET} to {@link #TARGET_OPSET}. */
  public OpsetUpgrade() {
    this(OLDEST_KEPT_OPSET, TARGET_OPSET);
  }

  /**
   * @param oldestKept models at this opset or newer (up to the target) are left as they are;
   *     pass the target itself to bring every older model to it
   * @param target the opset to bring models to
   * @throws IllegalArgumentException when the target is below {@link #MIN_TARGET_OPSET} or
   *     beyond {@link OperatorSets#MAX_DEFAULT_OPSET}, or {@code oldestKept} is beyond it
   */
  public OpsetUpgrade(long oldestKept, long target) {
    if (target < MIN_TARGET_OPSET || target > OperatorSets.MAX_DEFAULT_OPSET) {
      throw new IllegalArgumentException("target opset must be in [" + MIN_TARGET_OPSET + ", "
          + OperatorSets.MAX_DEFAULT_OPSET + "], got " + target);
    }
    if (oldestKept > target) {
      throw new IllegalArgumentException("the oldest kept opset " + oldestKept
          + " is beyond the target " + target);
    }
    this.oldestKept = oldestKept;
    this.target = target;
  }

  @Override
  public String name() {
    return "opset-upgrade";
  }

  @Override
  public IrModel apply(IrModel model) {
    long from = model.defaultOpset();
    if (from == 0 || from >= oldestKept && from <= target) {
      return model;
    }
    if (from > target) {
      return sameAtTarget(model.graph(), from) ? stamped(model) : model;
    }
    new ShapeInference().apply(model);
    upgrade(model.graph(), UpgradeScope.of(model.graph(), target), from);
    return stamped(model);
  }

  private IrModel stamped(IrModel model) {
    Map<String, Long> opsets = new TreeMap<>(model.opsets());
    opsets.put(Node.DEFAULT_DOMAIN, target);
    return model.withOpsets(opsets);
  }

  /** @return true when every default-domain operator has the same version at both opsets */
  private boolean sameAtTarget(Graph g, long from) {
    for (Node n : g.allNodes()) {
      if (n.domain().equals(Node.DEFAULT_DOMAIN)) {
        Optional<Long> now = OperatorSets.sinceVersion(n.domain(), n.opType(), from);
        if (now.isEmpty() || !now.equals(OperatorSets.sinceVersion(n.domain(), n.opType(),
            target))) {
          return false;
        }
      }
    }
    return true;
  }

  private static void upgrade(Graph g, UpgradeScope scope, long from) {
    List<Node> out = new ArrayList<>();
    for (Node n : g.nodes()) {
      n.subgraphs().forEach(sub -> upgrade(sub, scope.child(sub), from));
      if (n.domain().equals(Node.DEFAULT_DOMAIN)) {
        out.addAll(NodeErrors.at(n, () -> chain(n, scope, from)));
      } else {
        out.add(n);
      }
    }
    g.nodes().clear();
    g.nodes().addAll(out);
  }

  /** Applies the steps from the node's version to its operator's version at the target. */
  private static List<Node> chain(Node n, UpgradeScope scope, long from) {
    long version = OperatorSets.sinceVersion(n.domain(), n.opType(), from).orElseThrow(
        () -> scope.refuse(n.opType() + " is not defined at opset " + from));
    Node node = UpgradeRules.withoutLegacyAttributes(n, version);
    List<Node> before = new ArrayList<>();
    List<Node> after = new ArrayList<>();
    while (true) {
      String op = node.opType();
      UpgradeStep step = UpgradeRules.step(op, version, scope.target());
      long next = UpgradeRules.nextVersion(op, version, scope.target());
      if (step == null && next == 0) {
        break;
      }
      if (step == null) {
        version = next;
        continue;
      }
      UpgradeStep.Rewrite r = step.apply(node, scope);
      before.addAll(r.before());
      after.addAll(0, r.after());
      node = r.node();
      version = r.version();
    }
    List<Node> all = new ArrayList<>(before);
    all.add(node);
    all.addAll(after);
    return all;
  }
}
