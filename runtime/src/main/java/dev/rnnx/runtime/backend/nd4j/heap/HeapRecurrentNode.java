package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.ElementType;
import java.util.List;
import java.util.Optional;

/**
 * The attributes of one LSTM, GRU or RNN node that the heap kernels share: direction, clip,
 * layout and the activation functions per direction. {@link #of} declines (null) what the
 * heap path does not cover: element types other than float, unknown directions or activations.
 */
final class HeapRecurrentNode {
  final int dirs;
  final boolean reverseOnly;
  final float clip; // +infinity when unset
  final boolean batchMajor; // layout 1: X [batch, seq, input], states [batch, dirs, hidden]
  final HeapActivation[][] act; // [direction][function]

  private HeapRecurrentNode(int dirs, boolean reverseOnly, float clip, boolean batchMajor,
      HeapActivation[][] act) {
    this.dirs = dirs;
    this.reverseOnly = reverseOnly;
    this.clip = clip;
    this.batchMajor = batchMajor;
    this.act = act;
  }

  /**
   * @param n the node
   * @param ctx its declared types
   * @param defaultActivations one direction's functions when the node lists none
   * @return the attributes, or null when the heap path declines the node
   */
  static HeapRecurrentNode of(Node n, HeapContext ctx, List<String> defaultActivations) {
    if (!ctx.type(0).equals(Optional.of(ElementType.FLOAT))) {
      return null;
    }
    for (int i = 0; i < n.outputs().size(); i++) {
      if (n.output(i).isPresent() && !ctx.outputType(i).equals(Optional.of(ElementType.FLOAT))) {
        return null;
      }
    }
    String direction = n.stringAttr("direction", "forward");
    if (!List.of("forward", "reverse", "bidirectional").contains(direction)) {
      return null;
    }
    long layout = n.intAttr("layout", 0);
    if (layout != 0 && layout != 1) {
      return null;
    }
    int dirs = direction.equals("bidirectional") ? 2 : 1;
    HeapActivation[][] act = HeapActivation.of(n, defaultActivations, dirs);
    if (act == null) {
      return null;
    }
    float clip = n.attribute("clip").isPresent() ? n.floatAttr("clip", 0)
        : Float.POSITIVE_INFINITY;
    return new HeapRecurrentNode(dirs, direction.equals("reverse"), clip, layout == 1, act);
  }

  /** @return true when direction d walks the sequence backwards */
  boolean reverse(int d) {
    return reverseOnly || d == 1;
  }

  /** @return true when the clip attribute is set */
  boolean clips() {
    return clip != Float.POSITIVE_INFINITY;
  }

  /** Clips {@code a[from, to)} to [-clip, clip] in place when clip is set (NaN stays). */
  void clipAll(float[] a, int from, int to) {
    if (clips()) {
      for (int i = from; i < to; i++) {
        a[i] = Math.max(-clip, Math.min(clip, a[i]));
      }
    }
  }

  /** @return v clipped to [-clip, clip] (unchanged when clip is unset) */
  float clipped(float v) {
    return v > clip ? clip : v < -clip ? -clip : v;
  }
}
