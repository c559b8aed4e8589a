package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import java.util.List;

/**
 * Rewrites one node from one version of its operator to a later one with the same meaning; see
 * {@link OpsetUpgrade}.
 */
@FunctionalInterface
interface UpgradeStep {
  /**
   * @param node the node, at the version this step starts from
   * @param scope what is known around it, and where new values and nodes come from
   * @return the rewritten node and the nodes it needs
   * @throws dev.rnnx.RnnxException (UNSUPPORTED) when the node cannot be upgraded, saying why
   */
  Rewrite apply(Node node, UpgradeScope scope);

  /**
   * What a step made of a node.
   *
   * @param before new nodes that must run before it (they compute its new inputs)
   * @param node the node at its new version; its operator may differ (Upsample became Resize)
   * @param after new nodes that must run after it (they turn its outputs into the old ones)
   * @param version the version of {@code node}'s operator the step reached
   */
  record Rewrite(List<Node> before, Node node, List<Node> after, long version) {
    /** Copies the lists. */
    public Rewrite {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }

    /** @return the node alone at a new version */
    public static Rewrite to(Node node, long version) {
      return new Rewrite(List.of(), node, List.of(), version);
    }

    /** @return the node at a new version after the nodes it needs */
    public static Rewrite after(List<Node> before, Node node, long version) {
      return new Rewrite(before, node, List.of(), version);
    }
  }
}
