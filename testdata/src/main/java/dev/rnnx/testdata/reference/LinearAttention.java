package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;

/**
 * The ONNX {@code LinearAttention} operator (opset 27), run token by token as its spec defines
 * it. Inputs are 3-D packed, heads flattened into the last axis; the state is
 * {@code [B, H_kv, d_k, d_v]}. For each batch entry, token {@code t} and key/value head:
 *
 * <pre>
 * S = exp(g_t) * S                              (gated rules; g per key dim or per head)
 * linear, gated:      S = S + k_t (x) v_t
 * delta, gated_delta: S = S + beta_t * k_t (x) (v_t - S^T k_t)
 * o_t = scale * q_t^T S                         (for each query head sharing this KV head)
 * </pre>
 *
 * With grouped-query attention ({@code q_num_heads = G * kv_num_heads}) query head {@code h}
 * reads KV head {@code h / G}. The scale defaults to {@code 1 / sqrt(d_k)}. Outputs take the
 * query's element type; arithmetic is in double.
 */
public final class LinearAttention {
  private LinearAttention() {}

  /**
   * The operator's attributes.
   *
   * @param qNumHeads {@code q_num_heads}
   * @param kvNumHeads {@code kv_num_heads}
   * @param scale {@code scale}; 0 means {@code 1 / sqrt(d_k)}
   * @param updateRule {@code update_rule}
   */
  public record Attributes(int qNumHeads, int kvNumHeads, double scale, UpdateRule updateRule) {
    /**
     * @param qNumHeads query heads
     * @param kvNumHeads key/value heads
     * @param rule the update rule
     * @return the attributes with the default scale
     */
    public static Attributes of(int qNumHeads, int kvNumHeads, UpdateRule rule) {
      return new Attributes(qNumHeads, kvNumHeads, 0, rule);
    }
  }

  /**
   * The operator's outputs.
   *
   * @param output {@code [B, T, H_q * d_v]}
   * @param presentState {@code [B, H_kv, d_k, d_v]}
   */
  public record Result(Tensor output, Tensor presentState) {}

  /**
   * Runs the operator.
   *
   * @param a the attributes
   * @param query {@code [B, T, H_q * d_k]}
   * @param key {@code [B, T, H_kv * d_k]}
   * @param value {@code [B, T, H_kv * d_v]}
   * @param pastState {@code [B, H_kv, d_k, d_v]}, or null for zeros
   * @param decay {@code [B, T, H_kv * d_k]} or {@code [B, T, H_kv]}; required by the gated rules
   * @param beta {@code [B, T, H_kv]} or {@code [B, T, 1]}; required by the delta rules
   * @return the output and the state after the last token
   */
  public static Result run(Attributes a, Tensor query, Tensor key, Tensor value,
      Tensor pastState, Tensor decay, Tensor beta) {
    double[][][] q = NdArrays.array3(query); // [B, T, Hq*dk]
    double[][][] k = NdArrays.array3(key); // [B, T, Hkv*dk]
    double[][][] v = NdArrays.array3(value); // [B, T, Hkv*dv]
    int batch = q.length;
    int steps = q[0].length;
    int hq = a.qNumHeads();
    int hkv = a.kvNumHeads();
    if (hq % hkv != 0) {
      throw new IllegalArgumentException("q_num_heads " + hq + " is not a multiple of "
          + "kv_num_heads " + hkv);
    }
    int group = hq / hkv;
    int dk = (int) query.dim(2) / hq;
    int dv = (int) value.dim(2) / hkv;
    double scale = a.scale() != 0 ? a.scale() : 1 / Math.sqrt(dk);
    UpdateRule rule = a.updateRule();
    require(!rule.isGated() || decay != null, "update_rule " + rule.onnxName() + " needs decay");
    require(!rule.isDelta() || beta != null, "update_rule " + rule.onnxName() + " needs beta");
    double[][][] g = decay == null ? null : NdArrays.array3(decay); // [B, T, Hkv*dk or Hkv]
    boolean perKeyDecay = g != null && g[0][0].length == hkv * dk;
    double[][][] bt = beta == null ? null : NdArrays.array3(beta); // [B, T, Hkv or 1]

    double[][][][] s = pastState == null ? new double[batch][hkv][dk][dv]
        : NdArrays.array4(pastState); // [B, Hkv, dk, dv]
    double[][][] out = new double[batch][steps][hq * dv]; // [B, T, Hq*dv]
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        for (int h = 0; h < hkv; h++) {
          double[][] state = s[b][h]; // [dk, dv]
          double[] kt = slice(k[b][t], h * dk, dk);
          double[] vt = slice(v[b][t], h * dv, dv);
          if (rule.isGated()) {
            for (int i = 0; i < dk; i++) {
              double factor = Math.exp(perKeyDecay ? g[b][t][h * dk + i] : g[b][t][h]);
              for (int j = 0; j < dv; j++) {
                state[i][j] *= factor;
              }
            }
          }
          double[] write = vt; // what is written along k_t: v_t, or beta_t * (v_t - S^T k_t)
          if (rule.isDelta()) {
            double rate = bt[b][t].length == 1 ? bt[b][t][0] : bt[b][t][h];
            write = new double[dv];
            for (int j = 0; j < dv; j++) {
              double retrieved = 0; // (S^T k_t)[j]
              for (int i = 0; i < dk; i++) {
                retrieved += state[i][j] * kt[i];
              }
              write[j] = rate * (vt[j] - retrieved);
            }
          }
          for (int i = 0; i < dk; i++) {
            for (int j = 0; j < dv; j++) {
              state[i][j] += kt[i] * write[j];
            }
          }
          for (int member = 0; member < group; member++) {
            int qh = h * group + member;
            double[] qt = slice(q[b][t], qh * dk, dk);
            for (int j = 0; j < dv; j++) {
              double sum = 0;
              for (int i = 0; i < dk; i++) {
                sum += qt[i] * state[i][j];
              }
              out[b][t][qh * dv + j] = scale * sum;
            }
          }
        }
      }
    }
    ElementType type = query.type();
    return new Result(NdArrays.tensor(type, out), NdArrays.tensor(type, s));
  }

  private static double[] slice(double[] packed, int start, int length) {
    double[] out = new double[length];
    System.arraycopy(packed, start, out, 0, length);
    return out;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
