package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX LSTM (gates i, o, f, c in W, R and B; peepholes i, o, f in P):
 * <pre>
 * it = f(Xt Wi^T + Ht-1 Ri^T + Pi . Ct-1 + Wbi + Rbi)
 * ft = f(Xt Wf^T + Ht-1 Rf^T + Pf . Ct-1 + Wbf + Rbf)    (1 - it with input_forget)
 * ct = g(Xt Wc^T + Ht-1 Rc^T + Wbc + Rbc)
 * Ct = ft . Ct-1 + it . ct
 * ot = f(Xt Wo^T + Ht-1 Ro^T + Po . Ct + Wbo + Rbo)
 * Ht = ot . h(Ct)
 * </pre>
 * clip bounds every pre-activation (peephole term included), as ONNX Runtime does.
 */
final class LstmKernel extends RecurrentKernel {
  private static final int INITIAL_C = 6;
  private static final int P = 7;
  private final boolean inputForget;

  LstmKernel(Node n, CompileContext ctx) {
    super(n, ctx, List.of("Sigmoid", "Tanh", "Tanh"), new int[] {0, 4});
    this.inputForget = n.intAttr("input_forget", 0) == 1;
  }

  @Override
  public INDArray[] run(INDArray[] in, Scope scope) {
    Sequence q = new Sequence(in);
    int h = hidden;
    int g = 4 * h;
    int batch = q.batch;
    double[] h0 = q.initial(in, INITIAL_H);
    double[] c0 = q.initial(in, INITIAL_C);
    double[] peep = in.length > P && in[P] != null ? NdArrays.doubles(in[P]) : null; // [dirs, 3h]
    double[] y = new double[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    double[] yh = new double[dirs * batch * h]; // [dirs, batch, hidden]
    double[] yc = new double[dirs * batch * h]; // [dirs, batch, hidden]
    for (int d = 0; d < dirs; d++) {
      double[] xw = q.projection(d); // [seq * batch, 4 * hidden]
      double[] wb = q.weights.wb[d];
      double[] rb = q.weights.rb[d];
      DoubleUnaryOperator f = act[d][0];
      DoubleUnaryOperator gAct = act[d][1];
      DoubleUnaryOperator hAct = act[d][2];
      double[] hs = Arrays.copyOfRange(h0, d * batch * h, (d + 1) * batch * h); // [batch, h]
      double[] cs = Arrays.copyOfRange(c0, d * batch * h, (d + 1) * batch * h); // [batch, h]
      int po = d * 3 * h;
      INDArray hPrev = q.buffer(batch, h); // [batch, hidden]
      INDArray rec = q.buffer(batch, g); // [batch, 4 * hidden]
      double[] rv = new double[batch * g];
      for (int s = 0; s < q.seq; s++) {
        NdArrays.write(hPrev, hs);
        q.step(hPrev, q.weights.rt[d][0], rec);
        NdArrays.read(rec, rv);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          if (t < 0) {
            continue;
          }
          int xo = (t * batch + b) * g;
          int ro = b * g;
          int so = b * h;
          for (int j = 0; j < h; j++) {
            double cPrev = cs[so + j];
            double gi = xw[xo + j] + rv[ro + j] + wb[j] + rb[j];
            double go = xw[xo + h + j] + rv[ro + h + j] + wb[h + j] + rb[h + j];
            double gf = xw[xo + 2 * h + j] + rv[ro + 2 * h + j] + wb[2 * h + j] + rb[2 * h + j];
            double gc = xw[xo + 3 * h + j] + rv[ro + 3 * h + j] + wb[3 * h + j] + rb[3 * h + j];
            if (peep != null) {
              gi += peep[po + j] * cPrev;
              gf += peep[po + 2 * h + j] * cPrev;
            }
            double it = f.applyAsDouble(clipped(gi));
            double ft = inputForget ? 1 - it : f.applyAsDouble(clipped(gf));
            double ct = gAct.applyAsDouble(clipped(gc));
            double cNew = ft * cPrev + it * ct;
            if (peep != null) {
              go += peep[po + h + j] * cNew;
            }
            double hNew = f.applyAsDouble(clipped(go)) * hAct.applyAsDouble(cNew);
            cs[so + j] = cNew;
            hs[so + j] = hNew;
            y[((t * dirs + d) * batch + b) * h + j] = hNew;
          }
        }
      }
      hPrev.close();
      rec.close();
      System.arraycopy(hs, 0, yh, d * batch * h, batch * h);
      System.arraycopy(cs, 0, yc, d * batch * h, batch * h);
    }
    q.close();
    return new INDArray[] {q.y(y, in[X].dataType()), q.state(yh, in[X].dataType()),
        q.state(yc, in[X].dataType())};
  }
}
