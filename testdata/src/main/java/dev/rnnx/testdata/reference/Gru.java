package dev.rnnx.testdata.reference;

import java.util.List;

/**
 * The ONNX {@code GRU} operator, written from the spec's equations for one batch entry and one
 * step:
 *
 * <pre>
 * zt = f(Xt*(Wz^T) + Ht-1*(Rz^T) + Wbz + Rbz)
 * rt = f(Xt*(Wr^T) + Ht-1*(Rr^T) + Wbr + Rbr)
 * ht = g(Xt*(Wh^T) + (rt (.) Ht-1)*(Rh^T) + Rbh + Wbh)       when linear_before_reset = 0
 * ht = g(Xt*(Wh^T) + (rt (.) (Ht-1*(Rh^T) + Rbh)) + Wbh)     when linear_before_reset != 0
 * Ht = (1 - zt) (.) ht + zt (.) Ht-1
 * </pre>
 *
 * Gates are stored in the order z, r, h. {@code clip} bounds the inputs of f and g.
 */
public final class Gru {
  private static final int Z = 0;
  private static final int R = 1;
  private static final int H = 2;
  private static final List<String> DEFAULT_ACTIVATIONS = List.of("Sigmoid", "Tanh");

  private Gru() {}

  /**
   * Runs the operator.
   *
   * @param attrs its attributes
   * @param in its inputs ({@code initial_c} and {@code P} are not GRU inputs and must be null)
   * @return {@code Y} and {@code Y_h}
   */
  public static RecurrentOutputs run(RecurrentAttributes attrs, RecurrentInputs in) {
    Activation[][] act = attrs.resolveActivations(DEFAULT_ACTIVATIONS);
    int hidden = attrs.hiddenSize();
    return RecurrentLoop.run(attrs, in, false, d -> {
      GateWeights gw = new GateWeights(in.w(), in.r(), in.b(), d, hidden);
      return (x, h, c) -> new double[][] {step(attrs, act[d], gw, x, h)};
    });
  }

  private static double[] step(RecurrentAttributes attrs, Activation[] act, GateWeights gw,
      double[] x, double[] hPrev) {
    Activation f = act[0];
    Activation g = act[1];
    int hidden = attrs.hiddenSize();
    double[] zPre = gw.both(Z, x, hPrev);
    double[] rPre = gw.both(R, x, hPrev);
    double[] zt = new double[hidden];
    double[] rt = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      zt[j] = f.apply(attrs.clip(zPre[j]));
      rt[j] = f.apply(attrs.clip(rPre[j]));
    }
    double[] hPre = gw.input(H, x); // Xt*(Wh^T) + Wbh
    if (attrs.linearBeforeReset()) {
      double[] rec = gw.recurrent(H, hPrev); // Ht-1*(Rh^T) + Rbh
      for (int j = 0; j < hidden; j++) {
        hPre[j] += rt[j] * rec[j];
      }
    } else {
      double[] reset = new double[hidden]; // rt (.) Ht-1
      for (int j = 0; j < hidden; j++) {
        reset[j] = rt[j] * hPrev[j];
      }
      double[] rec = gw.recurrent(H, reset); // (rt (.) Ht-1)*(Rh^T) + Rbh
      for (int j = 0; j < hidden; j++) {
        hPre[j] += rec[j];
      }
    }
    double[] hNext = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double ht = g.apply(attrs.clip(hPre[j]));
      hNext[j] = (1 - zt[j]) * ht + zt[j] * hPrev[j];
    }
    return hNext;
  }
}
