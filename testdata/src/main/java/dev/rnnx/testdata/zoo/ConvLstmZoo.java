package dev.rnnx.testdata.zoo;

import static dev.rnnx.tensor.ElementType.FLOAT;

import dev.rnnx.testdata.builder.AbstractGraphBuilder;
import dev.rnnx.testdata.builder.GraphBuilder;
import dev.rnnx.testdata.builder.ModelBuilder;
import dev.rnnx.testdata.reference.Conv2d;
import dev.rnnx.testdata.reference.Conv2dAttributes;
import dev.rnnx.testdata.reference.NdArrays;
import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ConvLSTM models (Shi et al. 2015, as Keras's {@code ConvLSTM2D} without peepholes): the gates
 * come from one 3x3 convolution over the frame and the hidden state concatenated along channels,
 * split into i, f, c, o:
 *
 * <pre>
 * [i f g o] = Conv(Concat(x_t, h_{t-1}))       i, f, o through Sigmoid; g through Tanh
 * c_t = f * c_{t-1} + i * g;   h_t = o * tanh(c_t)
 * </pre>
 *
 * Frames are {@code [1, 2, 6, 6]}, states {@code [1, 4, 6, 6]}.
 */
final class ConvLstmZoo {
  private static final long OPSET = 17;
  private static final int IN_CHANNELS = 2;
  private static final int HIDDEN = 4;
  private static final int SIZE = 6;
  private static final int STEPS = 4;
  private static final Conv2dAttributes SAME_3X3 = Conv2dAttributes.defaults().withPadding(1);

  private ConvLstmZoo() {}

  static List<ZooSpec> all() {
    return List.of(cell(), scan());
  }

  /** The weights of one cell: {@code W [4*HIDDEN, IN+HIDDEN, 3, 3]} and {@code B [4*HIDDEN]}. */
  private record CellWeights(Tensor w, Tensor b) {
    static CellWeights random(Weights rnd) {
      double bound = 1 / Math.sqrt((IN_CHANNELS + HIDDEN) * 9.0);
      return new CellWeights(rnd.uniform(bound, 4 * HIDDEN, IN_CHANNELS + HIDDEN, 3, 3),
          rnd.uniform(bound, 4 * HIDDEN));
    }
  }

  /** The cell with explicit state inputs and outputs. */
  private static ZooSpec cell() {
    String name = "convlstm_cell";
    Weights rnd = new Weights(name);
    CellWeights cw = CellWeights.random(rnd);
    ModelBuilder m = ModelBuilder.opset(OPSET)
        .input("x", FLOAT, 1, IN_CHANNELS, SIZE, SIZE)
        .input("h_prev", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .input("c_prev", FLOAT, 1, HIDDEN, SIZE, SIZE);
    addCellConstants(m, cw);
    addCellNodes(m, "x", "h_prev", "c_prev", "h_next", "c_next");
    m.output("h_next", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .output("c_next", FLOAT, 1, HIDDEN, SIZE, SIZE);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", rnd.normal(1, 1, IN_CHANNELS, SIZE, SIZE));
    inputs.put("h_prev", rnd.normal(0.5, 1, HIDDEN, SIZE, SIZE));
    inputs.put("c_prev", rnd.normal(0.5, 1, HIDDEN, SIZE, SIZE));
    ZooReference reference = in -> {
      Tensor[] next = step(cw, in.get("x"), in.get("h_prev"), in.get("c_prev"));
      return Map.of("h_next", next[0], "c_next", next[1]);
    };
    return new ZooSpec(name, "ConvLSTM cell, state in/out (h_prev/c_prev -> h_next/c_next): "
        + "Conv 3x3 pads 1 over Concat(frame, h), Split into 4 gates, Sigmoid/Tanh/Mul/Add",
        OPSET, m.toBytes(), inputs, List.of("h_next", "c_next"), true, reference);
  }

  /** The cell run over a sequence of frames by Scan; the body reads W, B from outer scope. */
  private static ZooSpec scan() {
    String name = "convlstm_scan";
    Weights rnd = new Weights(name);
    CellWeights cw = CellWeights.random(rnd);
    GraphBuilder body = GraphBuilder.named("convlstm_step")
        .input("h_in", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .input("c_in", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .input("x_t", FLOAT, 1, IN_CHANNELS, SIZE, SIZE);
    addCellNodes(body, "x_t", "h_in", "c_in", "h_out", "c_out");
    body.node("Identity").inputs("h_out").outputs("h_t").done()
        .output("h_out", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .output("c_out", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .output("h_t", FLOAT, 1, HIDDEN, SIZE, SIZE);
    ModelBuilder m = ModelBuilder.opset(OPSET)
        .input("frames", FLOAT, "time", 1, IN_CHANNELS, SIZE, SIZE)
        .input("h0", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .input("c0", FLOAT, 1, HIDDEN, SIZE, SIZE);
    addCellConstants(m, cw);
    m.node("Scan").inputs("h0", "c0", "frames").outputs("h_final", "c_final", "h_seq")
        .attr("num_scan_inputs", 1).attr("body", body).done()
        .output("h_final", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .output("c_final", FLOAT, 1, HIDDEN, SIZE, SIZE)
        .output("h_seq", FLOAT, "time", 1, HIDDEN, SIZE, SIZE);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("frames", rnd.normal(1, STEPS, 1, IN_CHANNELS, SIZE, SIZE));
    inputs.put("h0", rnd.normal(0.5, 1, HIDDEN, SIZE, SIZE));
    inputs.put("c0", rnd.normal(0.5, 1, HIDDEN, SIZE, SIZE));
    ZooReference reference = in -> {
      Tensor frames = in.get("frames");
      Tensor h = in.get("h0");
      Tensor c = in.get("c0");
      double[][][][][] hs = new double[(int) frames.dim(0)][][][][]; // [time, 1, HIDDEN, S, S]
      for (int t = 0; t < hs.length; t++) {
        Tensor[] next = step(cw, frames.slice0(t), h, c);
        h = next[0];
        c = next[1];
        hs[t] = NdArrays.array4(h);
      }
      return Map.of("h_final", h, "c_final", c, "h_seq", NdArrays.tensor(FLOAT, hs));
    };
    return new ZooSpec(name, "ConvLSTM over a whole sequence with Scan (states h/c, scan input "
        + "frames, scan output h per step); the body reads the conv weights from outer scope",
        OPSET, m.toBytes(), inputs, List.of("h_final", "c_final", "h_seq"), true, reference);
  }

  private static void addCellConstants(ModelBuilder m, CellWeights cw) {
    m.initializer("conv_W", cw.w()).initializer("conv_B", cw.b())
        .initializer("gate_sizes", Tensor.of(new long[] {HIDDEN, HIDDEN, HIDDEN, HIDDEN}, 4));
  }

  /** The cell's nodes; {@code conv_W}, {@code conv_B}, {@code gate_sizes} are read by name. */
  private static <B extends AbstractGraphBuilder<B>> void addCellNodes(B g, String x, String h,
      String c, String hOut, String cOut) {
    g.node("Concat").inputs(x, h).outputs("xh").attr("axis", 1).done()
        .node("Conv").inputs("xh", "conv_W", "conv_B").outputs("gates")
        .attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1).done()
        .node("Split").inputs("gates", "gate_sizes").outputs("i_pre", "f_pre", "g_pre", "o_pre")
        .attr("axis", 1).done()
        .node("Sigmoid").inputs("i_pre").outputs("i").done()
        .node("Sigmoid").inputs("f_pre").outputs("f").done()
        .node("Tanh").inputs("g_pre").outputs("g").done()
        .node("Sigmoid").inputs("o_pre").outputs("o").done()
        .node("Mul").inputs("f", c).outputs("fc").done()
        .node("Mul").inputs("i", "g").outputs("ig").done()
        .node("Add").inputs("fc", "ig").outputs(cOut).done()
        .node("Tanh").inputs(cOut).outputs("c_act").done()
        .node("Mul").inputs("o", "c_act").outputs(hOut).done();
  }

  /** One cell step in plain Java: returns {@code {h_t, c_t}}. */
  private static Tensor[] step(CellWeights cw, Tensor x, Tensor hPrev, Tensor cPrev) {
    double[][][] xs = NdArrays.array4(x)[0]; // [IN, S, S]
    double[][][] hs = NdArrays.array4(hPrev)[0]; // [HIDDEN, S, S]
    double[][][] cs = NdArrays.array4(cPrev)[0]; // [HIDDEN, S, S]
    double[][][] xh = new double[IN_CHANNELS + HIDDEN][][]; // [IN+HIDDEN, S, S]
    System.arraycopy(xs, 0, xh, 0, IN_CHANNELS);
    System.arraycopy(hs, 0, xh, IN_CHANNELS, HIDDEN);
    double[][][] gates = NdArrays.array4(Conv2d.conv(
        NdArrays.tensor(FLOAT, new double[][][][] {xh}), cw.w(), cw.b(), SAME_3X3))[0];
    double[][][] hNext = new double[HIDDEN][SIZE][SIZE]; // [HIDDEN, S, S]
    double[][][] cNext = new double[HIDDEN][SIZE][SIZE]; // [HIDDEN, S, S]
    for (int ch = 0; ch < HIDDEN; ch++) {
      for (int y = 0; y < SIZE; y++) {
        for (int xx = 0; xx < SIZE; xx++) {
          double i = sigmoid(gates[ch][y][xx]);
          double f = sigmoid(gates[HIDDEN + ch][y][xx]);
          double g = Math.tanh(gates[2 * HIDDEN + ch][y][xx]);
          double o = sigmoid(gates[3 * HIDDEN + ch][y][xx]);
          cNext[ch][y][xx] = f * cs[ch][y][xx] + i * g;
          hNext[ch][y][xx] = o * Math.tanh(cNext[ch][y][xx]);
        }
      }
    }
    return new Tensor[] {NdArrays.tensor(FLOAT, new double[][][][] {hNext}),
        NdArrays.tensor(FLOAT, new double[][][][] {cNext})};
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
