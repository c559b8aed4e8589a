package dev.rnnx.testdata.zoo;

import dev.rnnx.testdata.builder.AbstractGraphBuilder;
import dev.rnnx.testdata.builder.NodeBuilder;
import dev.rnnx.testdata.reference.Direction;
import dev.rnnx.testdata.reference.Gru;
import dev.rnnx.testdata.reference.Lstm;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.reference.RecurrentInputs;
import dev.rnnx.testdata.reference.RecurrentOutputs;
import dev.rnnx.testdata.reference.Rnn;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One LSTM, GRU or RNN node of a zoo model with its weights: writes the node and its
 * initializers into a graph, and runs the same weights through the reference kernel.
 */
final class RecurrentLayer {
  /** The three recurrent operators, with their gate counts. */
  enum Kind {
    LSTM(4), GRU(3), RNN(1);

    final int gates;

    Kind(int gates) {
      this.gates = gates;
    }
  }

  final Kind kind;
  final RecurrentAttributes attrs;
  final String prefix; // initializer names: prefix + "_W", "_R", "_B", "_P"
  final Tensor w; // [dirs, gates*hidden, input]
  final Tensor r; // [dirs, gates*hidden, hidden]
  final Tensor b; // [dirs, 2*gates*hidden], or null
  final Tensor p; // [dirs, 3*hidden], or null

  RecurrentLayer(Kind kind, RecurrentAttributes attrs, String prefix, Tensor w, Tensor r,
      Tensor b, Tensor p) {
    this.kind = kind;
    this.attrs = attrs;
    this.prefix = prefix;
    this.w = w;
    this.r = r;
    this.b = b;
    this.p = p;
  }

  /**
   * A layer with PyTorch-style uniform weights in {@code [-1/sqrt(H), 1/sqrt(H)]}.
   *
   * @param bias whether to add {@code B}
   * @param peepholes whether to add {@code P} (LSTM only)
   */
  static RecurrentLayer random(Kind kind, RecurrentAttributes attrs, int input, Weights rnd,
      String prefix, boolean bias, boolean peepholes) {
    int dirs = attrs.direction().count();
    int h = attrs.hiddenSize();
    double bound = 1 / Math.sqrt(h);
    long rows = (long) kind.gates * h;
    return new RecurrentLayer(kind, attrs, prefix,
        rnd.uniform(bound, dirs, rows, input),
        rnd.uniform(bound, dirs, rows, h),
        bias ? rnd.uniform(bound, dirs, 2 * rows) : null,
        peepholes ? rnd.uniform(bound, dirs, 3L * h) : null);
  }

  /**
   * Adds the weights as initializers and the node.
   *
   * @param g the graph
   * @param x the input sequence's name
   * @param seqLens {@code sequence_lens}'s name, or null
   * @param h0 {@code initial_h}'s name, or null
   * @param c0 {@code initial_c}'s name, or null (LSTM only)
   * @param outputs {@code Y}, {@code Y_h} (and {@code Y_c}); {@code ""} for an unused one
   * @return the graph
   */
  <B extends AbstractGraphBuilder<B>> B addTo(B g, String x, String seqLens, String h0,
      String c0, String... outputs) {
    g.initializer(prefix + "_W", w).initializer(prefix + "_R", r);
    if (b != null) {
      g.initializer(prefix + "_B", b);
    }
    if (p != null) {
      g.initializer(prefix + "_P", p);
    }
    List<String> in = new ArrayList<>(List.of(x, prefix + "_W", prefix + "_R",
        b != null ? prefix + "_B" : "", orEmpty(seqLens), orEmpty(h0)));
    if (kind == Kind.LSTM) {
      in.add(orEmpty(c0));
      in.add(p != null ? prefix + "_P" : "");
    }
    while (in.get(in.size() - 1).isEmpty()) {
      in.remove(in.size() - 1); // trailing absent inputs are simply left out
    }
    NodeBuilder<B> node = g.node(kind.name()).name(prefix)
        .inputs(in.toArray(String[]::new)).outputs(outputs)
        .attr("hidden_size", attrs.hiddenSize());
    if (attrs.direction() != Direction.FORWARD) {
      node.attr("direction", attrs.direction().onnxName());
    }
    if (!attrs.activations().isEmpty()) {
      node.attrStrings("activations", attrs.activations().toArray(String[]::new));
    }
    if (!attrs.activationAlpha().isEmpty()) {
      node.attrFloats("activation_alpha", floats(attrs.activationAlpha()));
    }
    if (!attrs.activationBeta().isEmpty()) {
      node.attrFloats("activation_beta", floats(attrs.activationBeta()));
    }
    if (attrs.clip() != null) {
      node.attr("clip", attrs.clip().floatValue());
    }
    if (attrs.layout() != 0) {
      node.attr("layout", attrs.layout());
    }
    if (attrs.inputForget()) {
      node.attr("input_forget", 1);
    }
    if (attrs.linearBeforeReset()) {
      node.attr("linear_before_reset", 1);
    }
    return node.done();
  }

  /** Runs the reference kernel on this layer's weights. */
  RecurrentOutputs run(Tensor x, Tensor seqLens, Tensor h0, Tensor c0) {
    RecurrentInputs in = new RecurrentInputs(x, w, r, b, seqLens, h0, c0, p);
    return switch (kind) {
      case LSTM -> Lstm.run(attrs, in);
      case GRU -> Gru.run(attrs, in);
      case RNN -> Rnn.run(attrs, in);
    };
  }

  private static String orEmpty(String name) {
    return name == null ? "" : name;
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
