package dev.rnnx.runtime;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small whole-sequence recurrent models with seeded random weights, for step tests. */
public final class RecurrentModels {
  public static final int INPUT = 4;
  public static final int HIDDEN = 5;

  private RecurrentModels() {}

  public static Tensor random(Random r, long... shape) {
    float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * 0.5);
    }
    return Tensor.of(v, shape);
  }

  /**
   * X [seq, batch, 4] through {@code layers} stacked forward recurrences of {@code op}
   * (LSTM, GRU or RNN), then optionally a linear head on Y: Squeeze(dirs) → MatMul → Add.
   */
  static Model stacked(String op, int layers, boolean head, Map<String, Attribute> extra,
      long seed) {
    return Model.of(stackedIr(op, layers, head, extra, seed));
  }

  /**
   * One forward recurrence whose sequence_lens comes from graph input {@code lens} [batch],
   * with outputs Y0 and Y_h0.
   */
  static Model withSequenceLens(String op, long seed) {
    IrModel ir = build(op, 1, false, Map.of(), seed, true);
    ir.graph().outputs().add(new ValueInfo("Y_h0", null));
    return Model.of(ir);
  }

  /** The same model in RNNX's internal form, e.g. to write it to a file. */
  public static IrModel stackedIr(String op, int layers, boolean head,
      Map<String, Attribute> extra, long seed) {
    return build(op, layers, head, extra, seed, false);
  }

  private static IrModel build(String op, int layers, boolean head,
      Map<String, Attribute> extra, long seed, boolean sequenceLens) {
    Random r = new Random(seed);
    int gates = switch (op) {
      case "LSTM" -> 4;
      case "GRU" -> 3;
      default -> 1;
    };
    Graph g = new Graph("stacked_" + op);
    g.inputs().add(new ValueInfo("X", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of("seq"), Dim.of("batch"), Dim.of(INPUT)))));
    if (sequenceLens) {
      g.inputs().add(new ValueInfo("lens", ValueType.tensor(ElementType.INT32,
          Shape.of(Dim.of("batch")))));
    }
    String x = "X";
    String y = null;
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? INPUT : HIDDEN;
      g.initializers().put("W" + l, random(r, 1, gates * HIDDEN, in));
      g.initializers().put("R" + l, random(r, 1, gates * HIDDEN, HIDDEN));
      g.initializers().put("B" + l, random(r, 1, 2 * gates * HIDDEN));
      List<Attribute> attrs = new ArrayList<>(List.of(Attribute.of("hidden_size", HIDDEN)));
      attrs.addAll(extra.values());
      List<String> outs = op.equals("LSTM") ? List.of("Y" + l, "Y_h" + l, "Y_c" + l)
          : List.of("Y" + l, "Y_h" + l);
      List<String> ins = sequenceLens ? List.of(x, "W" + l, "R" + l, "B" + l, "lens")
          : List.of(x, "W" + l, "R" + l, "B" + l);
      g.nodes().add(Node.of(op.toLowerCase() + l, op, ins, outs, attrs));
      g.initializers().put("axes" + l, Tensor.of(new long[] {1}, 1));
      g.nodes().add(Node.of("squeeze" + l, "Squeeze", List.of("Y" + l, "axes" + l),
          List.of("S" + l), List.of()));
      x = "S" + l;
      y = "Y" + l;
    }
    g.outputs().add(new ValueInfo(y, null));
    if (head) {
      g.initializers().put("Wh", random(r, HIDDEN, 3));
      g.initializers().put("Bh", random(r, 3));
      g.nodes().add(Node.of("head", "MatMul", List.of(x, "Wh"), List.of("Z"), List.of()));
      g.nodes().add(Node.of("bias", "Add", List.of("Z", "Bh"), List.of("logits"), List.of()));
      g.outputs().add(new ValueInfo("logits", null));
    }
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-test", "", "", g);
  }
}
