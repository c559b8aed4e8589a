package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LinearAttention (opset 27), run token by token as the spec's recurrence. Per batch entry
 * and KV head, the state S [d_k, d_v] is updated by the rule, then each query head of the
 * group reads o_t = scale * q_t^T S_t:
 * <pre>
 * linear:      S_t = S_{t-1} + k_t (x) v_t
 * gated:       S_t = exp(g_t) * S_{t-1} + k_t (x) v_t
 * delta:       S_t = S_{t-1} + b_t * k_t (x) (v_t - S_{t-1}^T k_t)
 * gated_delta: S_t = exp(g_t) * S_{t-1} + b_t * k_t (x) (v_t - exp(g_t) * S_{t-1}^T k_t)
 * </pre>
 * g_t (decay) is per key dimension [B, T, H_kv * d_k] or per head [B, T, H_kv]; b_t (beta)
 * per head [B, T, H_kv] or shared [B, T, 1].
 */
final class LinearAttention implements Kernel {
  private static final int QUERY = 0;
  private static final int KEY = 1;
  private static final int VALUE = 2;
  private static final int PAST = 3;
  private static final int DECAY = 4;
  private static final int BETA = 5;

  private final int qHeads;
  private final int kvHeads;
  private final float scaleAttr;
  private final boolean gated;
  private final boolean delta;

  LinearAttention(Node n) {
    this.qHeads = (int) n.intAttr("q_num_heads", 0);
    this.kvHeads = (int) n.intAttr("kv_num_heads", 0);
    if (qHeads <= 0 || kvHeads <= 0 || qHeads % kvHeads != 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "q_num_heads " + qHeads
          + " must be a positive multiple of kv_num_heads " + kvHeads);
    }
    this.scaleAttr = n.floatAttr("scale", 0f);
    String rule = n.stringAttr("update_rule", "gated_delta");
    switch (rule) {
      case "linear", "gated", "delta", "gated_delta" -> { }
      default -> throw new RnnxException(ErrorCode.UNSUPPORTED, "update_rule '" + rule + "'");
    }
    this.gated = rule.startsWith("gated");
    this.delta = rule.endsWith("delta");
  }

  private static INDArray input(INDArray[] in, int i) {
    return in.length > i ? in[i] : null;
  }

  @Override
  public INDArray[] run(INDArray[] in, Scope scope) {
    long[] qs = in[QUERY].shape(); // [B, T, H_q * d_k]
    int batch = (int) qs[0];
    int steps = (int) qs[1];
    int dk = (int) (qs[2] / qHeads);
    int dv = (int) (in[VALUE].shape()[2] / kvHeads);
    double scale = scaleAttr != 0 ? scaleAttr : 1 / Math.sqrt(dk);
    double[] q = NdArrays.doubles(in[QUERY]);
    double[] k = NdArrays.doubles(in[KEY]);
    double[] v = NdArrays.doubles(in[VALUE]);
    INDArray past = input(in, PAST);
    INDArray decayIn = input(in, DECAY);
    INDArray betaIn = input(in, BETA);
    if ((gated && decayIn == null) || (delta && betaIn == null)) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "the update rule needs "
          + (gated ? "decay" : "beta"));
    }
    double[] state = past == null ? new double[batch * kvHeads * dk * dv]
        : NdArrays.doubles(past); // [B, H_kv, d_k, d_v]
    double[] decay = decayIn == null ? null : NdArrays.doubles(decayIn);
    int decayWidth = decayIn == null ? 0 : (int) decayIn.shape()[2]; // H_kv * d_k or H_kv
    double[] beta = betaIn == null ? null : NdArrays.doubles(betaIn);
    int betaWidth = betaIn == null ? 0 : (int) betaIn.shape()[2]; // H_kv or 1
    int group = qHeads / kvHeads;
    double[] out = new double[batch * steps * qHeads * dv]; // [B, T, H_q * d_v]
    double[] pred = new double[dv];
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < kvHeads; h++) {
        int so = (b * kvHeads + h) * dk * dv;
        for (int t = 0; t < steps; t++) {
          int bt = b * steps + t;
          int ko = (bt * kvHeads + h) * dk;
          int vo = (bt * kvHeads + h) * dv;
          if (gated) {
            for (int i = 0; i < dk; i++) {
              double g = Math.exp(decay[bt * decayWidth
                  + (decayWidth == kvHeads ? h : h * dk + i)]);
              for (int j = 0; j < dv; j++) {
                state[so + i * dv + j] *= g;
              }
            }
          }
          double rate = 1;
          if (delta) {
            rate = beta[bt * betaWidth + (betaWidth == 1 ? 0 : h)];
            for (int j = 0; j < dv; j++) {
              double p = 0;
              for (int i = 0; i < dk; i++) {
                p += state[so + i * dv + j] * k[ko + i];
              }
              pred[j] = p;
            }
          }
          for (int i = 0; i < dk; i++) {
            for (int j = 0; j < dv; j++) {
              double update = delta ? v[vo + j] - pred[j] : v[vo + j];
              state[so + i * dv + j] += rate * k[ko + i] * update;
            }
          }
          for (int qh = h * group; qh < (h + 1) * group; qh++) {
            int qo = (bt * qHeads + qh) * dk;
            int oo = (bt * qHeads + qh) * dv;
            for (int j = 0; j < dv; j++) {
              double o = 0;
              for (int i = 0; i < dk; i++) {
                o += q[qo + i] * state[so + i * dv + j];
              }
              out[oo + j] = scale * o;
            }
          }
        }
      }
    }
    return new INDArray[] {
        NdArrays.of(in[QUERY].dataType(), new long[] {batch, steps, (long) qHeads * dv}, out),
        NdArrays.of(past == null ? in[QUERY].dataType() : past.dataType(),
            new long[] {batch, kvHeads, dk, dv}, state)};
  }
}
