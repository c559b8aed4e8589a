package dev.rnnx.runtime.backend.nd4j.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The opset-27 operators of stateful sequence models: LinearAttention and
 * CausalConvWithState.
 */
final class SequenceModelKernels {
  private SequenceModelKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("LinearAttention", 27, (n, c) -> new LinearAttention(n));
    r.add("CausalConvWithState", 27, (n, c) -> {
      String activation = n.stringAttr("activation", "none");
      boolean silu = activation.equals("silu") || activation.equals("swish");
      if (!silu && !activation.equals("none")) {
        throw new IllegalArgumentException("activation '" + activation + "'");
      }
      return (in, s) -> causalConv(in[0], in[1], in.length > 2 ? in[2] : null,
          in.length > 3 ? in[3] : null, silu);
    });
  }

  /**
   * Depthwise causal convolution over [past_state (or zeros), input] along the last axis:
   * out[b, c, t] = bias[c] + sum_k weight[c, 0, k] * padded[b, c, t + k], optionally
   * SiLU; present_state holds the padded sequence's last k - 1 positions.
   */
  private static INDArray[] causalConv(INDArray input, INDArray weight, INDArray bias,
      INDArray past, boolean silu) {
    long[] s = input.shape(); // [B, C, L]
    int batch = (int) s[0];
    int channels = (int) s[1];
    int length = (int) s[2];
    int k = (int) weight.shape()[2];
    int carry = k - 1;
    double[] x = NdArrays.doubles(input);
    double[] w = NdArrays.doubles(weight); // [C, 1, k]
    double[] bv = bias == null ? new double[channels] : NdArrays.doubles(bias);
    double[] pv = past == null ? new double[batch * channels * carry] : NdArrays.doubles(past);
    int padded = carry + length;
    double[] y = new double[x.length]; // [B, C, L]
    double[] present = new double[batch * channels * carry]; // [B, C, k - 1]
    double[] row = new double[padded];
    for (int bc = 0; bc < batch * channels; bc++) {
      int c = bc % channels;
      System.arraycopy(pv, bc * carry, row, 0, carry);
      System.arraycopy(x, bc * length, row, carry, length);
      for (int t = 0; t < length; t++) {
        double acc = bv[c];
        for (int j = 0; j < k; j++) {
          acc += w[c * k + j] * row[t + j];
        }
        y[bc * length + t] = silu ? acc / (1 + Math.exp(-acc)) : acc;
      }
      System.arraycopy(row, length, present, bc * carry, carry);
    }
    return new INDArray[] {NdArrays.of(input.dataType(), s, y),
        NdArrays.of(input.dataType(), new long[] {batch, channels, carry}, present)};
  }
}
