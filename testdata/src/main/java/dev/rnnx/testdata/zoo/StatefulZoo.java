package dev.rnnx.testdata.zoo;

import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT32;

import dev.rnnx.testdata.builder.ModelBuilder;
import dev.rnnx.testdata.reference.CausalConvWithState;
import dev.rnnx.testdata.reference.Elementwise;
import dev.rnnx.testdata.reference.Gemm;
import dev.rnnx.testdata.reference.LinearAttention;
import dev.rnnx.testdata.reference.MatMul;
import dev.rnnx.testdata.reference.NdArrays;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.reference.RecurrentOutputs;
import dev.rnnx.testdata.reference.UpdateRule;
import dev.rnnx.testdata.zoo.RecurrentLayer.Kind;
import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models whose recurrence is written out as a graph, one step per run with the state passed in
 * and out, and a sequence classifier: a matrix-state cell (MatMul and Einsum), a gated-delta
 * linear-attention block decoding one token (opset 27), and a GRU classifier.
 */
final class StatefulZoo {
  private StatefulZoo() {}

  static List<ZooSpec> all() {
    return List.of(matrixStateRnn(), linearAttentionStep(), gruClassifier());
  }

  /**
   * A fast-weights cell whose state is a matrix per batch entry:
   *
   * <pre>
   * k = tanh(x Wk), v = x Wv, q = x Wq                       [B, D]
   * S = 0.9 * S_prev + k (x) v    (Einsum bi,bj->bij)        [B, D, D]
   * y = q^T S                     (Einsum bi,bij->bj)        [B, D]
   * </pre>
   */
  private static ZooSpec matrixStateRnn() {
    String name = "matrix_state_rnn";
    Weights rnd = new Weights(name);
    int d = 4;
    int batch = 2;
    double bound = 1 / Math.sqrt(d);
    Tensor wk = rnd.uniform(bound, d, d);
    Tensor wv = rnd.uniform(bound, d, d);
    Tensor wq = rnd.uniform(bound, d, d);
    float decay = 0.9f;
    byte[] model = ModelBuilder.opset(17)
        .input("x", FLOAT, "batch", d)
        .input("S_prev", FLOAT, "batch", d, d)
        .initializer("Wk", wk).initializer("Wv", wv).initializer("Wq", wq)
        .initializer("decay", Tensor.scalar(decay))
        .node("MatMul").inputs("x", "Wk").outputs("k_pre").done()
        .node("Tanh").inputs("k_pre").outputs("k").done()
        .node("MatMul").inputs("x", "Wv").outputs("v").done()
        .node("MatMul").inputs("x", "Wq").outputs("q").done()
        .node("Einsum").inputs("k", "v").outputs("kv").attr("equation", "bi,bj->bij").done()
        .node("Mul").inputs("S_prev", "decay").outputs("S_decayed").done()
        .node("Add").inputs("S_decayed", "kv").outputs("S_next").done()
        .node("Einsum").inputs("q", "S_next").outputs("y").attr("equation", "bi,bij->bj").done()
        .output("y", FLOAT, "batch", d)
        .output("S_next", FLOAT, "batch", d, d)
        .toBytes();
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", rnd.normal(1, batch, d));
    inputs.put("S_prev", rnd.normal(0.3, batch, d, d));
    ZooReference reference = in -> {
      double[][] x = NdArrays.matrix(in.get("x")); // [B, D]
      double[][][] s = NdArrays.array3(in.get("S_prev")); // [B, D, D]
      double[][] k = NdArrays.matrix(Elementwise.tanh(MatMul.matMul(in.get("x"), wk)));
      double[][] v = NdArrays.matrix(MatMul.matMul(in.get("x"), wv));
      double[][] q = NdArrays.matrix(MatMul.matMul(in.get("x"), wq));
      double[][][] next = new double[x.length][d][d]; // [B, D, D]
      double[][] y = new double[x.length][d]; // [B, D]
      for (int b = 0; b < x.length; b++) {
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            next[b][i][j] = decay * s[b][i][j] + k[b][i] * v[b][j];
          }
        }
        for (int j = 0; j < d; j++) {
          for (int i = 0; i < d; i++) {
            y[b][j] += q[b][i] * next[b][i][j];
          }
        }
      }
      return Map.of("y", NdArrays.tensor(FLOAT, y), "S_next", NdArrays.tensor(FLOAT, next));
    };
    return new ZooSpec(name, "RNN cell with a matrix state (fast weights), state in/out: "
        + "MatMul projections, Einsum outer product and read-out, decayed state update", 17,
        model, inputs, List.of("y", "S_next"), true, reference);
  }

  /** Sizes of the linear-attention block. */
  private static final int LA_MODEL = 8;
  private static final int LA_Q_HEADS = 2;
  private static final int LA_KV_HEADS = 1;
  private static final int LA_DK = 4;
  private static final int LA_DV = 4;
  private static final int LA_CONV_K = 4;
  private static final int LA_CHANNELS = LA_Q_HEADS * LA_DK + LA_KV_HEADS * (LA_DK + LA_DV);

  /** The weights of the linear-attention block. */
  private record BlockWeights(Tensor wQkv, Tensor convW, Tensor convB, Tensor wDecay,
      Tensor wBeta, Tensor wOut) {}

  /**
   * A Gated DeltaNet-style block decoding one token (opset 27):
   *
   * <pre>
   * qkv = CausalConvWithState(x Wqkv, conv_state; silu)     split into q, k, v; k L2-normalized
   * decay = -softplus(x Wg)  (per head),  beta = sigmoid(x Wb)
   * o, attn_state = LinearAttention(q, k, v, attn_state, decay, beta)   gated_delta, 2 query heads
   *                                                                     sharing 1 KV head
   * y = o Wo
   * </pre>
   *
   * The state inputs are those left by three earlier tokens, stepped from zero states.
   */
  private static ZooSpec linearAttentionStep() {
    String name = "linear_attention_step";
    Weights rnd = new Weights(name);
    double bound = 1 / Math.sqrt(LA_MODEL);
    BlockWeights bw = new BlockWeights(rnd.uniform(bound, LA_MODEL, LA_CHANNELS),
        rnd.uniform(0.5, LA_CHANNELS, 1, LA_CONV_K), rnd.uniform(0.1, LA_CHANNELS),
        rnd.uniform(bound, LA_MODEL, LA_KV_HEADS), rnd.uniform(bound, LA_MODEL, LA_KV_HEADS),
        rnd.uniform(bound, LA_Q_HEADS * LA_DV, LA_MODEL));
    byte[] model = ModelBuilder.opset(27)
        .input("x", FLOAT, 1, 1, LA_MODEL)
        .input("conv_state", FLOAT, 1, LA_CHANNELS, LA_CONV_K - 1)
        .input("attn_state", FLOAT, 1, LA_KV_HEADS, LA_DK, LA_DV)
        .initializer("W_qkv", bw.wQkv()).initializer("conv_W", bw.convW())
        .initializer("conv_B", bw.convB()).initializer("W_decay", bw.wDecay())
        .initializer("W_beta", bw.wBeta()).initializer("W_out", bw.wOut())
        .initializer("qkv_sizes",
            Tensor.of(new long[] {LA_Q_HEADS * LA_DK, LA_KV_HEADS * LA_DK, LA_KV_HEADS * LA_DV}, 3))
        .node("MatMul").inputs("x", "W_qkv").outputs("qkv_pre").done()
        .node("Transpose").inputs("qkv_pre").outputs("qkv_ct").attrInts("perm", 0, 2, 1).done()
        .node("CausalConvWithState").inputs("qkv_ct", "conv_W", "conv_B", "conv_state")
        .outputs("qkv_conv", "conv_state_out").attr("activation", "silu").done()
        .node("Transpose").inputs("qkv_conv").outputs("qkv").attrInts("perm", 0, 2, 1).done()
        .node("Split").inputs("qkv", "qkv_sizes").outputs("q", "k_raw", "v").attr("axis", 2).done()
        .node("LpNormalization").inputs("k_raw").outputs("k").attr("axis", -1).attr("p", 2).done()
        .node("MatMul").inputs("x", "W_decay").outputs("decay_pre").done()
        .node("Softplus").inputs("decay_pre").outputs("decay_sp").done()
        .node("Neg").inputs("decay_sp").outputs("decay").done()
        .node("MatMul").inputs("x", "W_beta").outputs("beta_pre").done()
        .node("Sigmoid").inputs("beta_pre").outputs("beta").done()
        .node("LinearAttention").inputs("q", "k", "v", "attn_state", "decay", "beta")
        .outputs("o", "attn_state_out").attr("q_num_heads", LA_Q_HEADS)
        .attr("kv_num_heads", LA_KV_HEADS).attr("update_rule", "gated_delta").done()
        .node("MatMul").inputs("o", "W_out").outputs("y").done()
        .output("y", FLOAT, 1, 1, LA_MODEL)
        .output("conv_state_out", FLOAT, 1, LA_CHANNELS, LA_CONV_K - 1)
        .output("attn_state_out", FLOAT, 1, LA_KV_HEADS, LA_DK, LA_DV)
        .toBytes();
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("conv_state", Tensor.zeros(FLOAT, 1, LA_CHANNELS, LA_CONV_K - 1));
    state.put("attn_state", Tensor.zeros(FLOAT, 1, LA_KV_HEADS, LA_DK, LA_DV));
    for (int warmUp = 0; warmUp < 3; warmUp++) {
      Map<String, Tensor> out = blockStep(bw, rnd.normal(1, 1, 1, LA_MODEL),
          state.get("conv_state"), state.get("attn_state"));
      state.put("conv_state", out.get("conv_state_out"));
      state.put("attn_state", out.get("attn_state_out"));
    }
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("x", rnd.normal(1, 1, 1, LA_MODEL));
    inputs.putAll(state);
    ZooReference reference = in -> blockStep(bw, in.get("x"), in.get("conv_state"),
        in.get("attn_state"));
    return new ZooSpec(name, "Gated DeltaNet-style block decoding one token, conv and "
        + "attention states in/out: MatMul, CausalConvWithState (silu), Split, LpNormalization, "
        + "LinearAttention gated_delta with 2 query heads on 1 KV head, per-head decay; "
        + "ORT does not load opset 27", 27, model, inputs,
        List.of("y", "conv_state_out", "attn_state_out"), false, reference);
  }

  /** One token through the block, in plain Java. */
  private static Map<String, Tensor> blockStep(BlockWeights bw, Tensor x, Tensor convState,
      Tensor attnState) {
    Tensor qkvPre = MatMul.matMul(x, bw.wQkv()); // [1, 1, C]
    CausalConvWithState.Result conv = CausalConvWithState.run(
        qkvPre.reshape(1, LA_CHANNELS, 1), // [1, 1, C] as [1, C, 1]: one token, so a reshape
        bw.convW(), bw.convB(), convState, "silu");
    double[] qkv = conv.output().toDoubleArray(); // [C]: q, then k, then v
    int qEnd = LA_Q_HEADS * LA_DK;
    int kEnd = qEnd + LA_KV_HEADS * LA_DK;
    double[] q = java.util.Arrays.copyOfRange(qkv, 0, qEnd);
    double[] k = java.util.Arrays.copyOfRange(qkv, qEnd, kEnd);
    double[] v = java.util.Arrays.copyOfRange(qkv, kEnd, qkv.length);
    double norm = 0;
    for (double e : k) {
      norm += e * e;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < k.length; i++) {
      k[i] /= norm;
    }
    Tensor decay = Elementwise.map(MatMul.matMul(x, bw.wDecay()), z -> -Math.log1p(Math.exp(z)));
    Tensor beta = Elementwise.sigmoid(MatMul.matMul(x, bw.wBeta()));
    LinearAttention.Result attn = LinearAttention.run(
        LinearAttention.Attributes.of(LA_Q_HEADS, LA_KV_HEADS, UpdateRule.GATED_DELTA),
        packed(q), packed(k), packed(v), attnState, decay, beta);
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("y", MatMul.matMul(attn.output(), bw.wOut()));
    out.put("conv_state_out", conv.presentState());
    out.put("attn_state_out", attn.presentState());
    return out;
  }

  private static Tensor packed(double[] v) {
    return NdArrays.tensor(FLOAT, new double[][][] {{v}}); // [1, 1, H*D]
  }

  /** GRU over padded sequences of different lengths, last state through Gemm and Softmax. */
  private static ZooSpec gruClassifier() {
    String name = "gru_classifier";
    Weights rnd = new Weights(name);
    int in = 5;
    int h = 8;
    int classes = 4;
    RecurrentLayer gru = RecurrentLayer.random(Kind.GRU,
        RecurrentAttributes.hidden(h).withLinearBeforeReset(true), in, rnd, "gru", true, false);
    Tensor headW = rnd.uniform(1 / Math.sqrt(h), classes, h);
    Tensor headB = rnd.uniform(1 / Math.sqrt(h), classes);
    ModelBuilder m = ModelBuilder.opset(17)
        .input("tokens", FLOAT, "seq", "batch", in)
        .input("lengths", INT32, "batch");
    gru.addTo(m, "tokens", "lengths", null, null, "", "h_last");
    byte[] model = m.initializer("axes_0", Tensor.of(new long[] {0}, 1))
        .initializer("head_W", headW).initializer("head_B", headB)
        .node("Squeeze").inputs("h_last", "axes_0").outputs("features").done()
        .node("Gemm").inputs("features", "head_W", "head_B").outputs("logits")
        .attr("transB", 1).done()
        .node("Softmax").inputs("logits").outputs("probs").attr("axis", -1).done()
        .output("probs", FLOAT, "batch", classes)
        .toBytes();
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    inputs.put("tokens", rnd.normal(1, 6, 3, in));
    inputs.put("lengths", Tensor.of(new int[] {6, 3, 5}, 3));
    ZooReference reference = input -> {
      RecurrentOutputs r = gru.run(input.get("tokens"), input.get("lengths"), null, null);
      Tensor logits = Gemm.gemm(r.yH().reshape(3, h), headW, headB, 1, 1, false, true);
      return Map.of("probs", Elementwise.softmaxLastAxis(logits));
    };
    return new ZooSpec(name, "GRU sequence classifier: padded batch with sequence_lens "
        + "[6, 3, 5], Y unused, Y_h through Squeeze, Gemm and Softmax", 17, model, inputs,
        List.of("probs"), true, reference);
  }
}
