package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rnnx.testdata.Approx;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed LinearAttention and CausalConvWithState cases, and the property the state
 * outputs exist for: running a sequence in pieces, feeding each piece the state the previous
 * one returned, gives the same outputs as running it whole.
 */
class StatefulOpsTest {
  @Test
  void deltaRuleByHand() {
    // One head, d_k = d_v = 1, scale 1, beta 0.5; k = 1 at both steps; v = 2 then 4; q = 1.
    // t0: S = 0 + 0.5*1*(2 - 0*1) = 1;    o = 1
    // t1: S = 1 + 0.5*1*(4 - 1*1) = 2.5;  o = 2.5
    Tensor ones = Tensor.of(new float[] {1, 1}, 1, 2, 1);
    LinearAttention.Result r = LinearAttention.run(
        new LinearAttention.Attributes(1, 1, 1.0, UpdateRule.DELTA), ones, ones,
        Tensor.of(new float[] {2, 4}, 1, 2, 1), null, null,
        Tensor.of(new float[] {0.5f, 0.5f}, 1, 2, 1));
    assertArrayEquals(new double[] {1, 2.5}, r.output().toDoubleArray(), 1e-9);
    assertArrayEquals(new double[] {2.5}, r.presentState().toDoubleArray(), 1e-9);
  }

  @Test
  void gatedRuleDecaysPerKeyDimensionByHand() {
    // One head, d_k = 2, d_v = 1, default scale 1/sqrt(2); past S = [[2], [4]];
    // decay (log space) = [ln 0.5, 0]: S = [[1], [4]]; k = [1, 0], v = 3: S = [[4], [4]];
    // q = [1, 1]: o = (4 + 4) / sqrt(2) = 5.6568542
    LinearAttention.Result r = LinearAttention.run(
        LinearAttention.Attributes.of(1, 1, UpdateRule.GATED),
        Tensor.of(new float[] {1, 1}, 1, 1, 2), Tensor.of(new float[] {1, 0}, 1, 1, 2),
        Tensor.of(new float[] {3}, 1, 1, 1), Tensor.of(new float[] {2, 4}, 1, 1, 2, 1),
        Tensor.of(new float[] {(float) Math.log(0.5), 0}, 1, 1, 2), null);
    assertArrayEquals(new double[] {5.6568542}, r.output().toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {4, 4}, r.presentState().toDoubleArray(), 1e-6);
  }

  @Test
  void linearAttentionStepByStepEqualsPrefill() {
    Random rnd = new Random(5);
    int steps = 5;
    int hq = 4;
    int hkv = 2;
    int dk = 3;
    int dv = 2;
    Tensor q = random(rnd, 1, steps, hq * dk);
    Tensor k = random(rnd, 1, steps, hkv * dk);
    Tensor v = random(rnd, 1, steps, hkv * dv);
    Tensor decay = negative(random(rnd, 1, steps, hkv));
    Tensor beta = sigmoid(random(rnd, 1, steps, hkv));
    LinearAttention.Attributes a = LinearAttention.Attributes.of(hq, hkv, UpdateRule.GATED_DELTA);
    LinearAttention.Result whole = LinearAttention.run(a, q, k, v, null, decay, beta);
    Tensor state = null;
    double[] stepped = new double[steps * hq * dv];
    for (int t = 0; t < steps; t++) {
      LinearAttention.Result r = LinearAttention.run(a, token(q, t), token(k, t), token(v, t),
          state, token(decay, t), token(beta, t));
      System.arraycopy(r.output().toDoubleArray(), 0, stepped, t * hq * dv, hq * dv);
      state = r.presentState();
    }
    assertArrayEquals(whole.output().toDoubleArray(), stepped, 1e-6);
    Approx.assertClose(whole.presentState(), state, "present_state");
  }

  @Test
  void causalConvByHand() {
    // One channel, k = 3, weight [1, 2, 3], bias 1, past state [10, 20], input [1, 2]:
    // padded = [10, 20, 1, 2]; y0 = 1 + 10 + 40 + 3 = 54; y1 = 1 + 20 + 2 + 6 = 29;
    // present state = last two of padded = [1, 2].
    CausalConvWithState.Result r = CausalConvWithState.run(
        Tensor.of(new float[] {1, 2}, 1, 1, 2), Tensor.of(new float[] {1, 2, 3}, 1, 1, 3),
        Tensor.of(new float[] {1}, 1), Tensor.of(new float[] {10, 20}, 1, 1, 2), "none");
    assertArrayEquals(new double[] {54, 29}, r.output().toDoubleArray(), 1e-9);
    assertArrayEquals(new double[] {1, 2}, r.presentState().toDoubleArray(), 1e-9);
  }

  @Test
  void causalConvInPiecesEqualsWhole() {
    Random rnd = new Random(9);
    Tensor x = random(rnd, 2, 3, 6);
    Tensor w = random(rnd, 3, 1, 4);
    Tensor bias = random(rnd, 3);
    CausalConvWithState.Result whole = CausalConvWithState.run(x, w, bias, null, "silu");
    double[][][] xs = NdArrays.array3(x);
    double[][][] first = new double[2][3][];
    double[][][] second = new double[2][3][];
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 3; c++) {
        first[b][c] = java.util.Arrays.copyOfRange(xs[b][c], 0, 2); // shorter than k - 1
        second[b][c] = java.util.Arrays.copyOfRange(xs[b][c], 2, 6);
      }
    }
    CausalConvWithState.Result r1 = CausalConvWithState.run(
        NdArrays.tensor(ElementType.FLOAT, first), w, bias, null, "silu");
    CausalConvWithState.Result r2 = CausalConvWithState.run(
        NdArrays.tensor(ElementType.FLOAT, second), w, bias, r1.presentState(), "silu");
    double[][][] y = NdArrays.array3(whole.output());
    double[][][] y1 = NdArrays.array3(r1.output());
    double[][][] y2 = NdArrays.array3(r2.output());
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 3; c++) {
        assertArrayEquals(y[b][c], concat(y1[b][c], y2[b][c]), 1e-6);
      }
    }
    Approx.assertClose(whole.presentState(), r2.presentState(), "present_state");
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Token {@code t} of a {@code [1, T, D]} tensor, as {@code [1, 1, D]}. */
  private static Tensor token(Tensor x, int t) {
    return x.slice0(0).slice0(t).reshape(1, 1, x.dim(2));
  }

  private static Tensor negative(Tensor x) {
    return Elementwise.map(x, v -> -Math.abs(v) * 0.3);
  }

  private static Tensor sigmoid(Tensor x) {
    return Elementwise.sigmoid(x);
  }

  private static Tensor random(Random rnd, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian() * 0.5f;
    }
    return Tensor.of(v, shape);
  }
}
