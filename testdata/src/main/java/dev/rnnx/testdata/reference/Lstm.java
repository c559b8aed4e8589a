package dev.rnnx.testdata.reference;

import java.util.List;

/**
 * The ONNX {@code LSTM} operator (opset 7 and later; 14 added {@code layout}), written from the
 * spec's equations for one batch entry and one step:
 *
 * <pre>
 * it = f(Xt*(Wi^T) + Ht-1*(Ri^T) + Pi (.) Ct-1 + Wbi + Rbi)
 * ft = f(Xt*(Wf^T) + Ht-1*(Rf^T) + Pf (.) Ct-1 + Wbf + Rbf)      (ft = 1 - it if input_forget)
 * ct = g(Xt*(Wc^T) + Ht-1*(Rc^T) + Wbc + Rbc)
 * Ct = ft (.) Ct-1 + it (.) ct
 * ot = f(Xt*(Wo^T) + Ht-1*(Ro^T) + Po (.) Ct + Wbo + Rbo)
 * Ht = ot (.) h(Ct)
 * </pre>
 *
 * Gates are stored in the order i, o, f, c; peepholes in the order i, o, f. {@code clip} bounds
 * the inputs of f and g (the gate pre-activations); the cell state passed to h is not clipped,
 * which is what ONNX Runtime does too.
 */
public final class Lstm {
  private static final int I = 0;
  private static final int O = 1;
  private static final int F = 2;
  private static final int C = 3;
  private static final List<String> DEFAULT_ACTIVATIONS = List.of("Sigmoid", "Tanh", "Tanh");

  private Lstm() {}

  /**
   * Runs the operator.
   *
   * @param attrs its attributes
   * @param in its inputs
   * @return {@code Y}, {@code Y_h} and {@code Y_c}
   */
  public static RecurrentOutputs run(RecurrentAttributes attrs, RecurrentInputs in) {
    Activation[][] act = attrs.resolveActivations(DEFAULT_ACTIVATIONS);
    int hidden = attrs.hiddenSize();
    return RecurrentLoop.run(attrs, in, true, d -> {
      GateWeights gw = new GateWeights(in.w(), in.r(), in.b(), d, hidden);
      double[] p = in.p() == null ? new double[3 * hidden] : NdArrays.matrix(in.p())[d];
      return (x, h, c) -> step(attrs, act[d], gw, p, x, h, c);
    });
  }

  private static double[][] step(RecurrentAttributes attrs, Activation[] act, GateWeights gw,
      double[] p, double[] x, double[] hPrev, double[] cPrev) {
    Activation f = act[0];
    Activation g = act[1];
    Activation h = act[2];
    int hidden = attrs.hiddenSize();
    double[] iPre = gw.both(I, x, hPrev);
    double[] oPre = gw.both(O, x, hPrev);
    double[] fPre = gw.both(F, x, hPrev);
    double[] cPre = gw.both(C, x, hPrev);
    double[] cNext = new double[hidden];
    double[] hNext = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double pi = p[j];
      double po = p[hidden + j];
      double pf = p[2 * hidden + j];
      double it = f.apply(attrs.clip(iPre[j] + pi * cPrev[j]));
      double ft = attrs.inputForget() ? 1 - it : f.apply(attrs.clip(fPre[j] + pf * cPrev[j]));
      double ct = g.apply(attrs.clip(cPre[j]));
      cNext[j] = ft * cPrev[j] + it * ct;
      double ot = f.apply(attrs.clip(oPre[j] + po * cNext[j]));
      hNext[j] = ot * h.apply(cNext[j]);
    }
    return new double[][] {hNext, cNext};
  }
}
