package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OperatorSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a model's default-domain opset into the window of opsets every backend implements,
 * [{@link #OLDEST_OPSET}, {@link #NEWEST_OPSET}] by default, keeping what the model computes
 * exactly as its own opset defines it (ONNX's Changelog.md is the reference for every
 * version's meaning) and changing as little as it can.
 *
 * <p>A model older than the window is brought to its oldest opset: every node, subgraphs
 * included, is rewritten step by step from the version its opset selects to the version the
 * window's oldest opset selects. Most steps only widen types or add attributes and inputs whose
 * defaults keep the old behaviour, and change nothing; the others move attributes to inputs
 * (Squeeze, Unsqueeze, Reduce*, Split, Slice, Pad, Clip, TopK, Reshape, DFT, Dropout), replace
 * legacy broadcasting with explicit reshapes, turn 2-D-coerced Softmax/LogSoftmax/Hardmax into
 * Flatten, the op and Reshape, map legacy modes and defaults (BatchNormalization, Dropout,
 * Upsample and Resize, GridSample, RoiAlign, Cast, Concat, Selu, LpPool, OneHot,
 * GroupNormalization), rename deprecated operators (Scatter, Upsample), and wrap a batched
 * Scan-8 in a Loop. When every node made it, the model's default
 * opset import becomes that opset; a node that cannot keep its meaning stops the pass with an
 * UNSUPPORTED error naming it and saying why. Types the rules need (ranks, for legacy
 * broadcasting) come from {@link ShapeInference}, run first.
 *
 * <p>A model inside the window is left as it is. A model newer than the window is restamped
 * with the oldest opset (but no older than the window) at which every one of its operators has
 * the version it has now, so that nothing changes but the stamp; when that opset lies beyond
 * the window the model is left as it is.
 *
 * <p>Upgrading no further than needed matters: backends do not implement every operator at
 * its newest version (ONNX Runtime 1.29 has no RoiAlign-22, and expands its Swish-24 function
 * at opset 24 only).
 */
public final class OpsetUpgrade implements GraphPass {
  /**
   * The window's default oldest opset: 18, the first after Squeeze, Unsqueeze, Split and
   * Reduce* took their axes as inputs (13 and 18) and Softmax normalized along one axis (13).
   */
  public static final long OLDEST_OPSET = 18;
  /** The window's default newest opset: the newest ONNX Runtime 1.29 officially supports. */
  public static final long NEWEST_OPSET = 26;
  /** The lowest oldest opset: the nodes this pass adds are written in forms valid from 18. */
  public static final long MIN_OPSET = 18;

  private final long oldest;
  private final long newest;

  /** Brings models into [{@link #OLDEST_OPSET}, {@link #NEWEST_OPSET}]. */
  public OpsetUpgrade() {
    this(OLDEST_OPSET, NEWEST_OPSET);
  }

  /**
   * @param oldest older models are brought to this opset
   * @param newest newer models are restamped with this opset when nothing changes
   * @throws IllegalArgumentException unless {@link #MIN_OPSET} &lt;= oldest &lt;= newest
   *     &lt;= {@link OperatorSets#MAX_DEFAULT_OPSET}
   */
  public OpsetUpgrade(long oldest, long newest) {
    if (oldest < MIN_OPSET || oldest > newest || newest > OperatorSets.MAX_DEFAULT_OPSET) {
      throw new IllegalArgumentException("the window of opsets must lie in [" + MIN_OPSET
          + ", " + OperatorSets.MAX_DEFAULT_OPSET + "] with oldest <= newest, got [" + oldest
          + ", " + newest + "]");
    }
    this.oldest = oldest;
    this.newest = newest;
  }

  @Override
  public String name() {
    return "opset-upgrade";
  }

  @Override
  public IrModel apply(IrModel model) {
    long from = model.defaultOpset();
    if (from == 0 || from >= oldest && from <= newest) {
      return model;
    }
    if (from > newest) {
      long same = oldestWithSameVersions(model.graph(), from);
      return same <= newest ? stamped(model, same) : model;
    }
    new ShapeInference().apply(model);
    upgrade(model.graph(), UpgradeScope.of(model.graph(), oldest), from);
    return stamped(model, oldest);
  }

  private static IrModel stamped(IrModel model, long opset) {
    Map<String, Long> opsets = new TreeMap<>(model.opsets());
    opsets.put(Node.DEFAULT_DOMAIN, opset);
    return model.withOpsets(opsets);
  }

  /**
   * @return the oldest opset, not below the window, that selects for every default-domain
   *     operator the version {@code from} selects: the newest of those versions
   */
  private long oldestWithSameVersions(Graph g, long from) {
    long opset = oldest;
    for (Node n : g.allNodes()) {
      if (n.domain().equals(Node.DEFAULT_DOMAIN)) {
        opset = Math.max(opset, OperatorSets.sinceVersion(n.domain(), n.opType(), from)
            .orElse(Long.MAX_VALUE));
      }
    }
    return opset;
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
