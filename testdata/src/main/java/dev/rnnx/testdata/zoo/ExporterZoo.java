package dev.rnnx.testdata.zoo;

import static dev.rnnx.tensor.ElementType.FLOAT;

import dev.rnnx.testdata.builder.ModelBuilder;
import dev.rnnx.testdata.reference.Direction;
import dev.rnnx.testdata.reference.Elementwise;
import dev.rnnx.testdata.reference.MatMul;
import dev.rnnx.testdata.reference.NdArrays;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.zoo.RecurrentLayer.Kind;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Models shaped like what the PyTorch and Keras (tf2onnx) exporters write around recurrent
 * layers: zero initial states built from the input's shape (Shape, Gather, Unsqueeze, Concat,
 * ConstantOfShape), Slice per layer, Squeeze between layers, Transpose for batch-first and
 * channels-last inputs, and a Linear/Dense head as MatMul + Add. Weights are drawn in the
 * framework's own layout and converted to ONNX's with {@link GateOrder}; the reference evaluates
 * the unconverted weights with {@link FrameworkLayers}.
 */
final class ExporterZoo {
  private ExporterZoo() {}

  static List<ZooSpec> all() {
    return List.of(pytorchLstm(), pytorchGru(), kerasLstm(), kerasGru());
  }

  /** {@code nn.LSTM(4, 8, num_layers=2)} then {@code nn.Linear(8, 3)}, sequence-major. */
  private static ZooSpec pytorchLstm() {
    String name = "pytorch_lstm";
    Weights rnd = new Weights(name);
    int in = 4;
    int h = 8;
    int out = 3;
    double bound = 1 / Math.sqrt(h);
    Tensor[][] torch = new Tensor[2][]; // per layer: weight_ih, weight_hh, bias_ih, bias_hh
    for (int l = 0; l < 2; l++) {
      torch[l] = new Tensor[] {rnd.uniform(bound, 4 * h, l == 0 ? in : h),
          rnd.uniform(bound, 4 * h, h), rnd.uniform(bound, 4 * h), rnd.uniform(bound, 4 * h)};
    }
    Tensor fcW = rnd.uniform(bound, out, h); // nn.Linear weight [out, in]
    Tensor fcB = rnd.uniform(bound, out);

    ModelBuilder m = ModelBuilder.opset(17)
        .input("input", FLOAT, "seq", "batch", in);
    zeroStates(m, "input", 1, 2, h, "h0");
    zeroStates(m, "input", 1, 2, h, "c0");
    for (int l = 0; l < 2; l++) {
      RecurrentLayer layer = fromTorch(Kind.LSTM, torch[l], "lstm_l" + l, false);
      String layerIn = l == 0 ? "input" : "seq_l0";
      m.initializer("slice_" + l + "_start", Tensor.of(new long[] {l}, 1))
          .initializer("slice_" + l + "_end", Tensor.of(new long[] {l + 1}, 1));
      sliceLayer(m, "h0", l, "h0_l" + l);
      sliceLayer(m, "c0", l, "c0_l" + l);
      layer.addTo(m, layerIn, null, "h0_l" + l, "c0_l" + l, "Y_l" + l, "h_n_l" + l,
          "c_n_l" + l);
      m.node("Squeeze").inputs("Y_l" + l, "axes_1").outputs("seq_l" + l).done();
    }
    m.initializer("axes_1", Tensor.of(new long[] {1}, 1))
        .initializer("axes_0_s", Tensor.of(new long[] {0}, 1))
        .initializer("fc_weight_t", GateOrder.transpose(fcW)) // exporters fold W^T into MatMul
        .initializer("fc_bias", fcB)
        .node("MatMul").inputs("seq_l1", "fc_weight_t").outputs("fc_mm").done()
        .node("Add").inputs("fc_mm", "fc_bias").outputs("output").done()
        .node("Concat").inputs("h_n_l0", "h_n_l1").outputs("h_n").attr("axis", 0).done()
        .output("output", FLOAT, "seq", "batch", out)
        .output("h_n", FLOAT, 2, "batch", h);
    ZooReference reference = inputs -> {
      double[][][] x = NdArrays.array3(inputs.get("input")); // [seq, batch, in]
      FrameworkLayers.Run r0 = FrameworkLayers.torchLstm(x, torch[0][0], torch[0][1],
          torch[0][2], torch[0][3]);
      FrameworkLayers.Run r1 = FrameworkLayers.torchLstm(r0.hs(), torch[1][0], torch[1][1],
          torch[1][2], torch[1][3]);
      Tensor head = linear(r1.hs(), GateOrder.transpose(fcW), fcB);
      return Map.of("output", head,
          "h_n", NdArrays.tensor(FLOAT, new double[][][] {r0.h(), r1.h()}));
    };
    return new ZooSpec(name, "PyTorch-style 2-layer LSTM: weights in torch (i,f,g,o) order "
        + "converted to ONNX (i,o,f,c); zero initial states from Shape/Gather/Unsqueeze/Concat/"
        + "ConstantOfShape, Slice per layer, Squeeze between layers, Linear head as MatMul+Add",
        17, m.toBytes(), Map.of("input", rnd.normal(1, 6, 2, in)), List.of("output", "h_n"),
        true, reference);
  }

  /**
   * {@code nn.GRU(4, 6, bidirectional=True, batch_first=True)} then {@code nn.Linear(12, 3)}:
   * the batch-first input is transposed in and out, the two directions merged per step.
   */
  private static ZooSpec pytorchGru() {
    String name = "pytorch_gru_bidirectional";
    Weights rnd = new Weights(name);
    int in = 4;
    int h = 6;
    int out = 3;
    double bound = 1 / Math.sqrt(h);
    Tensor[][] torch = new Tensor[2][]; // per direction: weight_ih, weight_hh, bias_ih, bias_hh
    for (int d = 0; d < 2; d++) {
      torch[d] = new Tensor[] {rnd.uniform(bound, 3 * h, in), rnd.uniform(bound, 3 * h, h),
          rnd.uniform(bound, 3 * h), rnd.uniform(bound, 3 * h)};
    }
    Tensor fcW = rnd.uniform(1 / Math.sqrt(2 * h), out, 2 * h);
    Tensor fcB = rnd.uniform(1 / Math.sqrt(2 * h), out);
    RecurrentLayer gru = fromTorchBidirectional(torch, "gru");

    ModelBuilder m = ModelBuilder.opset(17)
        .input("input", FLOAT, "batch", "seq", in)
        .node("Transpose").inputs("input").outputs("input_t").attrInts("perm", 1, 0, 2).done();
    zeroStates(m, "input", 0, 2, h, "h0");
    gru.addTo(m, "input_t", null, "h0", null, "Y", "h_n");
    m.initializer("merge_dirs", Tensor.of(new long[] {0, 0, -1}, 3))
        .initializer("fc_weight_t", GateOrder.transpose(fcW))
        .initializer("fc_bias", fcB)
        .node("Transpose").inputs("Y").outputs("Y_t").attrInts("perm", 0, 2, 1, 3).done()
        .node("Reshape").inputs("Y_t", "merge_dirs").outputs("seq_out").done()
        .node("Transpose").inputs("seq_out").outputs("batch_out").attrInts("perm", 1, 0, 2).done()
        .node("MatMul").inputs("batch_out", "fc_weight_t").outputs("fc_mm").done()
        .node("Add").inputs("fc_mm", "fc_bias").outputs("output").done()
        .output("output", FLOAT, "batch", "seq", out)
        .output("h_n", FLOAT, 2, "batch", h);
    ZooReference reference = inputs -> {
      double[][][] x = swap01(NdArrays.array3(inputs.get("input"))); // [seq, batch, in]
      FrameworkLayers.Run fwd = FrameworkLayers.torchGru(x, torch[0][0], torch[0][1],
          torch[0][2], torch[0][3], false);
      FrameworkLayers.Run rev = FrameworkLayers.torchGru(x, torch[1][0], torch[1][1],
          torch[1][2], torch[1][3], true);
      double[][][] both = new double[x.length][x[0].length][]; // [seq, batch, 2H]
      for (int t = 0; t < x.length; t++) {
        for (int b = 0; b < x[0].length; b++) {
          both[t][b] = concat(fwd.hs()[t][b], rev.hs()[t][b]);
        }
      }
      Tensor head = linear(swap01(both), GateOrder.transpose(fcW), fcB);
      return Map.of("output", head,
          "h_n", NdArrays.tensor(FLOAT, new double[][][] {fwd.h(), rev.h()}));
    };
    return new ZooSpec(name, "PyTorch-style bidirectional GRU, batch_first: torch (r,z,n) "
        + "weights converted to ONNX (z,r,h) with linear_before_reset=1, Transpose in/out, "
        + "directions merged by Transpose+Reshape, ConstantOfShape initial state, Linear head",
        17, m.toBytes(), Map.of("input", rnd.normal(1, 2, 5, in)), List.of("output", "h_n"),
        true, reference);
  }

  /** {@code keras.layers.LSTM(5, return_sequences=True)} then {@code Dense(2)}, channels-last. */
  private static ZooSpec kerasLstm() {
    String name = "keras_lstm";
    Weights rnd = new Weights(name);
    int in = 3;
    int h = 5;
    int out = 2;
    Tensor kernel = rnd.uniform(0.5, in, 4 * h); // [I, 4H], columns i, f, c, o
    Tensor recurrent = rnd.uniform(0.5, h, 4 * h); // [H, 4H]
    Tensor bias = rnd.uniform(0.5, 4 * h);
    Tensor dense = rnd.uniform(0.5, h, out); // Dense kernel [in, out]
    Tensor denseB = rnd.uniform(0.5, out);
    RecurrentLayer lstm = new RecurrentLayer(Kind.LSTM, RecurrentAttributes.hidden(h), "lstm",
        GateOrder.oneDirection(GateOrder.reorderRows(GateOrder.transpose(kernel),
            GateOrder.LSTM_FROM_KERAS)),
        GateOrder.oneDirection(GateOrder.reorderRows(GateOrder.transpose(recurrent),
            GateOrder.LSTM_FROM_KERAS)),
        // Keras has one bias: it becomes Wb, and Rb is zero
        GateOrder.oneDirection(GateOrder.concat0(
            GateOrder.reorderRows(bias, GateOrder.LSTM_FROM_KERAS), Tensor.zeros(FLOAT, 4 * h))),
        null);
    ModelBuilder m = ModelBuilder.opset(15)
        .input("x", FLOAT, "batch", "time", in)
        .node("Transpose").inputs("x").outputs("x_tm").attrInts("perm", 1, 0, 2).done();
    lstm.addTo(m, "x_tm", null, null, null, "Y");
    m.initializer("axes_1", Tensor.of(new long[] {1}, 1))
        .initializer("dense_kernel", dense).initializer("dense_bias", denseB)
        .node("Squeeze").inputs("Y", "axes_1").outputs("Y_sq").done()
        .node("Transpose").inputs("Y_sq").outputs("seq_out").attrInts("perm", 1, 0, 2).done()
        .node("MatMul").inputs("seq_out", "dense_kernel").outputs("dense_mm").done()
        .node("Add").inputs("dense_mm", "dense_bias").outputs("dense").done()
        .output("dense", FLOAT, "batch", "time", out);
    ZooReference reference = inputs -> {
      double[][][] x = swap01(NdArrays.array3(inputs.get("x"))); // [time, batch, in]
      FrameworkLayers.Run r = FrameworkLayers.kerasLstm(x, kernel, recurrent, bias);
      return Map.of("dense", linear(swap01(r.hs()), dense, denseB));
    };
    return new ZooSpec(name, "Keras-style LSTM, channels-last [batch, time, features]: "
        + "kernel/recurrent_kernel (i,f,c,o columns) converted to ONNX, single bias as Wb, "
        + "Transpose in and out, Squeeze, Dense head as MatMul+Add", 15, m.toBytes(),
        Map.of("x", rnd.normal(1, 2, 6, in)), List.of("dense"), true, reference);
  }

  /** {@code keras.layers.GRU(6)} (reset_after=True) then {@code Dense(2)} on the last state. */
  private static ZooSpec kerasGru() {
    String name = "keras_gru";
    Weights rnd = new Weights(name);
    int in = 3;
    int h = 6;
    int out = 2;
    Tensor kernel = rnd.uniform(0.5, in, 3 * h); // [I, 3H], columns z, r, h
    Tensor recurrent = rnd.uniform(0.5, h, 3 * h); // [H, 3H]
    Tensor bias = rnd.uniform(0.5, 2, 3 * h); // [input bias; recurrent bias]
    Tensor dense = rnd.uniform(0.5, h, out);
    Tensor denseB = rnd.uniform(0.5, out);
    RecurrentLayer gru = new RecurrentLayer(Kind.GRU,
        RecurrentAttributes.hidden(h).withLinearBeforeReset(true), "gru",
        GateOrder.oneDirection(GateOrder.reorderRows(GateOrder.transpose(kernel),
            GateOrder.GRU_FROM_KERAS)),
        GateOrder.oneDirection(GateOrder.reorderRows(GateOrder.transpose(recurrent),
            GateOrder.GRU_FROM_KERAS)),
        bias.reshape(1, 6L * h), // [Wb (z,r,h), Rb (z,r,h)] is exactly Keras's two rows
        null);
    ModelBuilder m = ModelBuilder.opset(15)
        .input("x", FLOAT, "batch", "time", in)
        .node("Transpose").inputs("x").outputs("x_tm").attrInts("perm", 1, 0, 2).done();
    gru.addTo(m, "x_tm", null, null, null, "", "Y_h");
    m.initializer("axes_0", Tensor.of(new long[] {0}, 1))
        .initializer("dense_kernel", dense).initializer("dense_bias", denseB)
        .node("Squeeze").inputs("Y_h", "axes_0").outputs("last").done()
        .node("MatMul").inputs("last", "dense_kernel").outputs("dense_mm").done()
        .node("Add").inputs("dense_mm", "dense_bias").outputs("dense").done()
        .output("dense", FLOAT, "batch", out);
    ZooReference reference = inputs -> {
      double[][][] x = swap01(NdArrays.array3(inputs.get("x"))); // [time, batch, in]
      FrameworkLayers.Run r = FrameworkLayers.kerasGru(x, kernel, recurrent, bias);
      Tensor last = NdArrays.tensor(FLOAT, r.h()); // [batch, H]
      return Map.of("dense", Elementwise.add(MatMul.matMul(last, dense), denseB));
    };
    return new ZooSpec(name, "Keras-style GRU (reset_after=True -> linear_before_reset=1), "
        + "channels-last input, Y output left unused, last state through Squeeze and a Dense head",
        15, m.toBytes(), Map.of("x", rnd.normal(1, 3, 5, in)), List.of("dense"), true,
        reference);
  }

  /**
   * Adds zero states {@code [layers, batch, hidden]} built the way exporters do: the batch size
   * gathered from the input's shape at {@code batchAxis}, then ConstantOfShape.
   */
  private static void zeroStates(ModelBuilder m, String input, int batchAxis, int layers,
      int hidden, String out) {
    String p = out + "_";
    m.node("Shape").inputs(input).outputs(p + "shape").done()
        .node("Constant").outputs(p + "batch_axis")
        .attr("value", Tensor.scalar((long) batchAxis)).done()
        .node("Gather").inputs(p + "shape", p + "batch_axis").outputs(p + "batch")
        .attr("axis", 0).done()
        .node("Constant").outputs(p + "axes0").attr("value", Tensor.of(new long[] {0}, 1)).done()
        .node("Unsqueeze").inputs(p + "batch", p + "axes0").outputs(p + "batch_1d").done()
        .node("Constant").outputs(p + "layers")
        .attr("value", Tensor.of(new long[] {layers}, 1)).done()
        .node("Constant").outputs(p + "hidden")
        .attr("value", Tensor.of(new long[] {hidden}, 1)).done()
        .node("Concat").inputs(p + "layers", p + "batch_1d", p + "hidden").outputs(p + "dims")
        .attr("axis", 0).done()
        .node("ConstantOfShape").inputs(p + "dims").outputs(out)
        .attr("value", Tensor.of(new float[] {0}, 1)).done();
  }

  /**
   * Slices layer {@code l}'s {@code [1, batch, hidden]} out of stacked states, with the
   * {@code slice_<l>_start}, {@code slice_<l>_end} and {@code axes_0_s} initializers.
   */
  private static void sliceLayer(ModelBuilder m, String states, int l, String out) {
    m.node("Slice").inputs(states, "slice_" + l + "_start", "slice_" + l + "_end", "axes_0_s")
        .outputs(out).done();
  }

  /** One direction of torch weights ({@code ih, hh, b_ih, b_hh}) as an ONNX layer. */
  private static RecurrentLayer fromTorch(Kind kind, Tensor[] t, String prefix, boolean lbr) {
    int[] order = kind == Kind.LSTM ? GateOrder.LSTM_FROM_TORCH : GateOrder.GRU_FROM_TORCH;
    int hidden = (int) t[1].dim(1);
    return new RecurrentLayer(kind,
        RecurrentAttributes.hidden(hidden).withLinearBeforeReset(lbr), prefix,
        GateOrder.oneDirection(GateOrder.reorderRows(t[0], order)),
        GateOrder.oneDirection(GateOrder.reorderRows(t[1], order)),
        GateOrder.oneDirection(GateOrder.concat0(GateOrder.reorderRows(t[2], order),
            GateOrder.reorderRows(t[3], order))),
        null);
  }

  /** Both directions of a torch GRU as one bidirectional ONNX GRU (linear_before_reset=1). */
  private static RecurrentLayer fromTorchBidirectional(Tensor[][] t, String prefix) {
    RecurrentLayer fwd = fromTorch(Kind.GRU, t[0], prefix, true);
    RecurrentLayer rev = fromTorch(Kind.GRU, t[1], prefix, true);
    return new RecurrentLayer(Kind.GRU, fwd.attrs.withDirection(Direction.BIDIRECTIONAL), prefix,
        GateOrder.concat0(fwd.w, rev.w), GateOrder.concat0(fwd.r, rev.r),
        GateOrder.concat0(fwd.b, rev.b), null);
  }

  /** A Linear/Dense head: {@code x @ kernel + bias} over {@code [d0, d1, in]}. */
  private static Tensor linear(double[][][] x, Tensor kernel, Tensor bias) {
    return Elementwise.add(MatMul.matMul(NdArrays.tensor(ElementType.FLOAT, x), kernel), bias);
  }

  private static double[][][] swap01(double[][][] a) {
    double[][][] out = new double[a[0].length][a.length][];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
