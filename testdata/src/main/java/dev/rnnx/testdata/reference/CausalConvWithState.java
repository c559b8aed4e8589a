package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;
import java.util.Locale;

/**
 * The ONNX {@code CausalConvWithState} operator (opset 27): a causal depthwise 1-D convolution
 * carrying its last {@code k - 1} inputs as state. For each batch entry and channel, with
 * {@code padded = concat(past_state or zeros(k - 1), input)} of length {@code k - 1 + L}:
 *
 * <pre>
 * output[t]     = act(bias + sum over j &lt; k of weight[j] * padded[t + j])    for t &lt; L
 * present_state = padded[L .. L + k - 2]                                    (the last k - 1)
 * </pre>
 *
 * where {@code act} is SiLU ({@code x * sigmoid(x)}) for {@code silu} and {@code swish}, else the
 * identity. Outputs take the input's element type.
 */
public final class CausalConvWithState {
  private CausalConvWithState() {}

  /**
   * The operator's outputs.
   *
   * @param output {@code [B, C, L]}
   * @param presentState {@code [B, C, k - 1]}
   */
  public record Result(Tensor output, Tensor presentState) {}

  /**
   * Runs the operator.
   *
   * @param input {@code [B, C, L]}
   * @param weight {@code [C, 1, k]}
   * @param bias {@code [C]}, or null for none
   * @param pastState {@code [B, C, k - 1]}, or null for zero padding
   * @param activation {@code none}, {@code silu} or {@code swish}
   * @return the output and the new state
   */
  public static Result run(Tensor input, Tensor weight, Tensor bias, Tensor pastState,
      String activation) {
    boolean silu = switch (activation.toLowerCase(Locale.ROOT)) {
      case "silu", "swish" -> true;
      case "none" -> false;
      default -> throw new IllegalArgumentException("unknown activation " + activation);
    };
    double[][][] x = NdArrays.array3(input); // [B, C, L]
    double[][][] w = NdArrays.array3(weight); // [C, 1, k]
    int batch = x.length;
    int channels = x[0].length;
    int length = x[0][0].length;
    int k = w[0][0].length;
    double[] b = bias == null ? new double[channels] : NdArrays.vector(bias); // [C]
    double[][][] past = pastState == null ? new double[batch][channels][k - 1]
        : NdArrays.array3(pastState); // [B, C, k-1]
    double[][][] y = new double[batch][channels][length]; // [B, C, L]
    double[][][] present = new double[batch][channels][k - 1]; // [B, C, k-1]
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        double[] padded = new double[k - 1 + length]; // [k-1 + L]
        System.arraycopy(past[n][c], 0, padded, 0, k - 1);
        System.arraycopy(x[n][c], 0, padded, k - 1, length);
        for (int t = 0; t < length; t++) {
          double sum = b[c];
          for (int j = 0; j < k; j++) {
            sum += w[c][0][j] * padded[t + j];
          }
          y[n][c][t] = silu ? sum / (1 + Math.exp(-sum)) : sum;
        }
        System.arraycopy(padded, length, present[n][c], 0, k - 1);
      }
    }
    return new Result(NdArrays.tensor(input.type(), y), NdArrays.tensor(input.type(), present));
  }
}
