package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX GRU (gates z, r, h in W, R and B):
 * <pre>
 * zt = f(Xt Wz^T + Ht-1 Rz^T + Wbz + Rbz)
 * rt = f(Xt Wr^T + Ht-1 Rr^T + Wbr + Rbr)
 * ht = g(Xt Wh^T + (rt . Ht-1) Rh^T + Rbh + Wbh)          linear_before_reset = 0
 * ht = g(Xt Wh^T + rt . (Ht-1 Rh^T + Rbh) + Wbh)          linear_before_reset != 0
 * Ht = (1 - zt) . ht + zt . Ht-1
 * </pre>
 * With linear_before_reset the step is one matmul H R^T; without it, the reset gate must be
 * known before the h-gate's recurrence, so a step is H [Rz; Rr]^T, then (r . H) Rh^T.
 */
final class GruKernel extends RecurrentKernel {
  private final boolean linearBeforeReset;

  GruKernel(Node n, CompileContext ctx) {
    super(n, ctx, List.of("Sigmoid", "Tanh"), linearBeforeReset(n) ? new int[] {0, 3}
        : new int[] {0, 2, 3});
    this.linearBeforeReset = linearBeforeReset(n);
  }

  private static boolean linearBeforeReset(Node n) {
    return n.intAttr("linear_before_reset", 0) != 0;
  }

  @Override
  public INDArray[] run(INDArray[] in, Scope scope) {
    Sequence q = new Sequence(in);
    int h = hidden;
    int g = 3 * h;
    int batch = q.batch;
    double[] h0 = q.initial(in, INITIAL_H);
    double[] y = new double[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    double[] yh = new double[dirs * batch * h]; // [dirs, batch, hidden]
    for (int d = 0; d < dirs; d++) {
      double[] xw = q.projection(d); // [seq * batch, 3 * hidden]
      double[] wb = q.weights.wb[d];
      double[] rb = q.weights.rb[d];
      DoubleUnaryOperator f = act[d][0];
      DoubleUnaryOperator gAct = act[d][1];
      double[] hs = Arrays.copyOfRange(h0, d * batch * h, (d + 1) * batch * h); // [batch, h]
      int recWidth = linearBeforeReset ? g : 2 * h;
      INDArray recWeights = q.weights.rt[d][0]; // [hidden, recWidth]
      INDArray resetWeights = linearBeforeReset ? null
          : q.weights.rt[d][1]; // [hidden, hidden]
      INDArray hPrev = q.buffer(batch, h); // [batch, hidden]
      INDArray rec = q.buffer(batch, recWidth); // [batch, recWidth]
      INDArray reset = q.buffer(batch, h); // [batch, hidden]: r . H
      INDArray resetRec = q.buffer(batch, h); // [batch, hidden]: (r . H) Rh^T
      double[] rv = new double[batch * recWidth];
      double[] z = new double[batch * h];
      double[] r = new double[batch * h];
      double[] rh = new double[batch * h];
      for (int s = 0; s < q.seq; s++) {
        NdArrays.write(hPrev, hs);
        q.step(hPrev, recWeights, rec);
        NdArrays.read(rec, rv);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          for (int j = 0; t >= 0 && j < h; j++) {
            int xo = (t * batch + b) * g;
            int ro = b * recWidth;
            z[b * h + j] = f.applyAsDouble(clipped(xw[xo + j] + rv[ro + j] + wb[j] + rb[j]));
            r[b * h + j] = f.applyAsDouble(clipped(xw[xo + h + j] + rv[ro + h + j] + wb[h + j]
                + rb[h + j]));
            rh[b * h + j] = r[b * h + j] * hs[b * h + j];
          }
        }
        if (!linearBeforeReset) {
          NdArrays.write(reset, rh);
          q.step(reset, resetWeights, resetRec);
          NdArrays.read(resetRec, rh);
        }
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          for (int j = 0; t >= 0 && j < h; j++) {
            int xo = (t * batch + b) * g + 2 * h;
            int at = b * h + j;
            double pre = linearBeforeReset
                ? xw[xo + j] + wb[2 * h + j] + r[at] * (rv[b * g + 2 * h + j] + rb[2 * h + j])
                : xw[xo + j] + rh[at] + wb[2 * h + j] + rb[2 * h + j];
            double ht = gAct.applyAsDouble(clipped(pre));
            hs[at] = (1 - z[at]) * ht + z[at] * hs[at];
            y[((t * dirs + d) * batch + b) * h + j] = hs[at];
          }
        }
      }
      hPrev.close();
      rec.close();
      reset.close();
      resetRec.close();
      System.arraycopy(hs, 0, yh, d * batch * h, batch * h);
    }
    q.close();
    return new INDArray[] {q.y(y, in[X].dataType()), q.state(yh, in[X].dataType())};
  }
}
