package dev.rnnx.testdata.zoo;

import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT32;

import dev.rnnx.testdata.builder.ModelBuilder;
import dev.rnnx.testdata.reference.Direction;
import dev.rnnx.testdata.reference.NdArrays;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.reference.RecurrentOutputs;
import dev.rnnx.testdata.zoo.RecurrentLayer.Kind;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The zoo's plain recurrent models: one LSTM, GRU or RNN node per model (two for the stacked
 * ones) with every direction, sequence lengths, both layouts, peepholes, clip and non-default
 * activations. Opset 22, the current version of all three operators.
 */
final class RecurrentZoo {
  private static final long OPSET = 22;
  private static final int SEQ = 5;
  private static final int INPUT = 3;

  private RecurrentZoo() {}

  /** @return the models, LSTM first */
  static List<ZooSpec> all() {
    List<ZooSpec> out = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      out.addAll(family(kind));
    }
    return out;
  }

  private static List<ZooSpec> family(Kind kind) {
    String op = kind.name().toLowerCase(Locale.ROOT);
    int hidden = switch (kind) {
      case LSTM -> 6;
      case GRU -> 5;
      case RNN -> 4;
    };
    RecurrentAttributes base = RecurrentAttributes.hidden(hidden);
    List<ZooSpec> out = new ArrayList<>();
    boolean lstm = kind == Kind.LSTM;
    String states = lstm ? "initial_h/initial_c" : "initial_h";
    if (kind == Kind.GRU) {
      out.add(single(op + "_forward", "forward GRU, linear_before_reset=0, bias, " + states
          + " inputs, symbolic seq/batch dims", kind, base, Options.STATES));
      out.add(single(op + "_forward_lbr", "forward GRU, linear_before_reset=1", kind,
          base.withLinearBeforeReset(true), Options.STATES));
    } else {
      out.add(single(op + "_forward", "forward " + kind + ", bias, " + states
          + " inputs, symbolic seq/batch dims", kind, base, Options.STATES));
    }
    out.add(single(op + "_reverse", "direction=reverse", kind,
        base.withDirection(Direction.REVERSE), Options.STATES));
    RecurrentAttributes bidi = base.withDirection(Direction.BIDIRECTIONAL)
        .withLinearBeforeReset(kind == Kind.GRU);
    out.add(single(op + "_bidirectional", "direction=bidirectional"
        + (kind == Kind.GRU ? ", linear_before_reset=1" : "") + ", Y/Y_h of both directions",
        kind, bidi, Options.STATES));
    out.add(stacked(op + "_stacked", kind, hidden));
    out.add(single(op + "_seq_lens", "sequence_lens [5, 2, 4] on a bidirectional "
        + kind + ": zero Y past each end, final states at each sequence's own last step",
        kind, bidi, Options.SEQ_LENS));
    out.add(single(op + "_layout1", "layout=1 (batch-major X, Y, states), bidirectional; "
        + "ORT rejects layout=1", kind, bidi.withLayout(1), Options.STATES));
    if (lstm) {
      out.add(single("lstm_peepholes", "peepholes P with initial_c", kind, base,
          Options.PEEPHOLES));
      out.add(single("lstm_input_forget", "input_forget=1 (coupled input/forget gates) with "
          + "peepholes", kind, base.withInputForget(true), Options.PEEPHOLES));
    }
    out.add(single(op + "_clip_activations", activationsText(kind), kind,
        activations(kind, bidi), Options.STATES));
    return out;
  }

  private static RecurrentAttributes activations(Kind kind, RecurrentAttributes bidi) {
    return switch (kind) {
      case LSTM -> bidi.withClip(2.5f)
          .withActivations("HardSigmoid", "LeakyRelu", "ScaledTanh", "Sigmoid", "Elu", "Softsign")
          .withAlphaBeta(List.of(0.25f, 0.1f, 1.5f, 0.8f), List.of(0.45f, 0.7f));
      case GRU -> bidi.withClip(1.5f)
          .withActivations("HardSigmoid", "Softsign", "Sigmoid", "Affine")
          .withAlphaBeta(List.of(0.3f, 0.6f), List.of(0.5f, 0.1f));
      case RNN -> bidi.withClip(2f)
          .withActivations("ThresholdedRelu", "Softplus")
          .withAlphaBeta(List.of(0.2f), List.of());
    };
  }

  private static String activationsText(Kind kind) {
    return switch (kind) {
      case LSTM -> "clip=2.5; activations HardSigmoid/LeakyRelu/ScaledTanh forward, "
          + "Sigmoid/Elu/Softsign reverse, with activation_alpha/beta";
      case GRU -> "clip=1.5; activations HardSigmoid/Softsign forward, Sigmoid/Affine reverse, "
          + "with activation_alpha/beta";
      case RNN -> "clip=2; activations ThresholdedRelu forward, Softplus reverse, "
          + "activation_alpha";
    };
  }

  /** Which optional inputs a single-node model feeds. */
  private enum Options { STATES, SEQ_LENS, PEEPHOLES }

  private static ZooSpec single(String name, String exercises, Kind kind,
      RecurrentAttributes attrs, Options options) {
    Weights rnd = new Weights(name);
    int hidden = attrs.hiddenSize();
    int dirs = attrs.direction().count();
    int batch = options == Options.SEQ_LENS ? 3 : 2;
    boolean batchMajor = attrs.layout() == 1;
    RecurrentLayer layer = RecurrentLayer.random(kind, attrs, INPUT, rnd, name, true,
        options == Options.PEEPHOLES);
    boolean lstm = kind == Kind.LSTM;
    boolean states = options != Options.SEQ_LENS;

    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("X", batchMajor ? rnd.normal(1, batch, SEQ, INPUT) : rnd.normal(1, SEQ, batch, INPUT));
    Object[] stateDims = batchMajor ? new Object[] {"batch", dirs, hidden}
        : new Object[] {dirs, "batch", hidden};
    long[] stateShape = batchMajor ? new long[] {batch, dirs, hidden}
        : new long[] {dirs, batch, hidden};
    ModelBuilder m = ModelBuilder.opset(OPSET)
        .input("X", FLOAT, batchMajor ? new Object[] {"batch", "seq", INPUT}
            : new Object[] {"seq", "batch", INPUT});
    if (options == Options.SEQ_LENS) {
      inputs.put("sequence_lens", Tensor.of(new int[] {5, 2, 4}, 3));
      m.input("sequence_lens", INT32, "batch");
    }
    if (states) {
      inputs.put("initial_h", rnd.normal(0.5, stateShape));
      m.input("initial_h", FLOAT, stateDims);
      if (lstm) {
        inputs.put("initial_c", rnd.normal(0.5, stateShape));
        m.input("initial_c", FLOAT, stateDims);
      }
    }
    List<String> outputs = new ArrayList<>(List.of("Y", "Y_h"));
    if (lstm) {
      outputs.add("Y_c");
    }
    layer.addTo(m, "X", options == Options.SEQ_LENS ? "sequence_lens" : null,
        states ? "initial_h" : null, states && lstm ? "initial_c" : null,
        outputs.toArray(String[]::new));
    m.output("Y", FLOAT, batchMajor ? new Object[] {"batch", "seq", dirs, hidden}
        : new Object[] {"seq", dirs, "batch", hidden});
    m.output("Y_h", FLOAT, stateDims);
    if (lstm) {
      m.output("Y_c", FLOAT, stateDims);
    }
    ZooReference reference = in -> {
      RecurrentOutputs r = layer.run(in.get("X"), in.get("sequence_lens"), in.get("initial_h"),
          in.get("initial_c"));
      Map<String, Tensor> result = new LinkedHashMap<>();
      result.put("Y", r.y());
      result.put("Y_h", r.yH());
      if (lstm) {
        result.put("Y_c", r.yC());
      }
      return result;
    };
    return new ZooSpec(name, exercises, OPSET, m.toBytes(), inputs, outputs,
        attrs.layout() == 0, reference);
  }

  /**
   * Two layers: the first's Y feeds the second. A one-direction Y {@code [seq, 1, batch, H]} is
   * squeezed; the GRU's first layer is bidirectional and, as PyTorch exports it, its Y is
   * transposed to {@code [seq, batch, 2, H]} and reshaped to {@code [seq, batch, 2H]}.
   */
  private static ZooSpec stacked(String name, Kind kind, int hidden) {
    Weights rnd = new Weights(name);
    int batch = 2;
    boolean bidi = kind == Kind.GRU;
    RecurrentAttributes first = RecurrentAttributes.hidden(hidden)
        .withDirection(bidi ? Direction.BIDIRECTIONAL : Direction.FORWARD)
        .withLinearBeforeReset(bidi)
        .withActivations(kind == Kind.RNN ? new String[] {"Relu"} : new String[0]);
    RecurrentAttributes second = RecurrentAttributes.hidden(hidden);
    RecurrentLayer l0 = RecurrentLayer.random(kind, first, INPUT, rnd, "l0", true, false);
    RecurrentLayer l1 = RecurrentLayer.random(kind, second, bidi ? 2 * hidden : hidden, rnd,
        "l1", true, false);
    ModelBuilder m = ModelBuilder.opset(OPSET).input("X", FLOAT, "seq", "batch", INPUT)
        .initializer("axis1", Tensor.of(new long[] {1}, 1));
    l0.addTo(m, "X", null, null, null, "Y0", "Y_h_0");
    if (bidi) {
      m.initializer("merge_dirs", Tensor.of(new long[] {0, 0, -1}, 3))
          .node("Transpose").inputs("Y0").outputs("Y0_t").attrInts("perm", 0, 2, 1, 3).done()
          .node("Reshape").inputs("Y0_t", "merge_dirs").outputs("X1").done();
    } else {
      m.node("Squeeze").inputs("Y0", "axis1").outputs("X1").done();
    }
    l1.addTo(m, "X1", null, null, null, "Y1", "Y_h_1");
    m.node("Squeeze").inputs("Y1", "axis1").outputs("Y").done()
        .output("Y", FLOAT, "seq", "batch", hidden)
        .output("Y_h_0", FLOAT, first.direction().count(), "batch", hidden)
        .output("Y_h_1", FLOAT, 1, "batch", hidden);
    Map<String, Tensor> inputs = Map.of("X", rnd.normal(1, SEQ, batch, INPUT));
    ZooReference reference = in -> {
      RecurrentOutputs r0 = l0.run(in.get("X"), null, null, null);
      Tensor x1 = mergeDirections(r0.y());
      RecurrentOutputs r1 = l1.run(x1, null, null, null);
      return Map.of("Y", r1.y().reshape(SEQ, batch, hidden), "Y_h_0", r0.yH(),
          "Y_h_1", r1.yH());
    };
    String exercises = "two stacked " + kind + " layers"
        + (bidi ? " (bidirectional first layer, Y merged by Transpose+Reshape)"
            : " (Y squeezed between them)")
        + (kind == Kind.RNN ? ", Relu activation in the first" : "");
    return new ZooSpec(name, exercises, OPSET, m.toBytes(), inputs,
        List.of("Y", "Y_h_0", "Y_h_1"), true, reference);
  }

  /** {@code [seq, dirs, batch, H]} to {@code [seq, batch, dirs*H]}: each step's directions side by side. */
  static Tensor mergeDirections(Tensor y) {
    double[][][][] v = NdArrays.array4(y); // [seq, dirs, batch, H]
    int seq = v.length;
    int dirs = v[0].length;
    int batch = v[0][0].length;
    int h = v[0][0][0].length;
    double[][][] out = new double[seq][batch][dirs * h]; // [seq, batch, dirs*H]
    for (int t = 0; t < seq; t++) {
      for (int b = 0; b < batch; b++) {
        for (int d = 0; d < dirs; d++) {
          System.arraycopy(v[t][d][b], 0, out[t][b], d * h, h);
        }
      }
    }
    return NdArrays.tensor(y.type(), out);
  }
}
