package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.List;

/**
 * ONNX LSTM on the heap path (gates i, o, f, c in W, R and B; peepholes i, o, f in P):
 * <pre>
 * it = f(Xt Wi^T + Ht-1 Ri^T + Pi . Ct-1 + Wbi + Rbi)
 * ft = f(Xt Wf^T + Ht-1 Rf^T + Pf . Ct-1 + Wbf + Rbf)    (1 - it with input_forget)
 * ct = g(Xt Wc^T + Ht-1 Rc^T + Wbc + Rbc)
 * Ct = ft . Ct-1 + it . ct
 * ot = f(Xt Wo^T + Ht-1 Ro^T + Po . Ct + Wbo + Rbo)
 * Ht = ot . h(Ct)
 * </pre>
 * One recurrence product per step for the whole batch; clip bounds every pre-activation
 * (peephole term included), as ONNX Runtime does.
 */
final class HeapLstm extends HeapRecurrentCell {
  private static final int INITIAL_C = 6;
  private static final int P = 7;
  private final boolean inputForget;
  private float[] rv = new float[0]; // [batch, 4 * hidden], reused
  private float[] pre = new float[0]; // [4 * hidden]: one batch entry's gates, reused

  private HeapLstm(HeapRecurrentNode node, HeapContext ctx, boolean inputForget) {
    super(node, ctx, 4, false, true);
    this.inputForget = inputForget;
  }

  /** @return the kernel, or null when the heap path declines the node */
  static HeapKernel create(Node n, HeapContext ctx) {
    HeapRecurrentNode node = HeapRecurrentNode.of(n, ctx, List.of("Sigmoid", "Tanh", "Tanh"));
    return node == null ? null : new HeapLstm(node, ctx, n.intAttr("input_forget", 0) == 1);
  }

  @Override
  Dense[] steps(Dense[] in, HeapRecurrentSequence q, HeapRecurrentWeights w, float[] xw) {
    int h = w.hidden;
    int g = 4 * h;
    int dirs = node.dirs;
    int batch = q.batch;
    int stride = dirs * g; // of xw
    float[] hs = q.initial(in, INITIAL_H, h); // [dirs, batch, hidden]: becomes Y_h
    float[] cs = q.initial(in, INITIAL_C, h); // [dirs, batch, hidden]: becomes Y_c
    float[] peep = peepholes(in, h); // [dirs, 3 * hidden], or null
    float[] y = new float[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    if (rv.length < batch * g) {
      rv = new float[batch * g];
    }
    float[] rec = rv; // [batch, 4 * hidden]
    if (pre.length < g) {
      pre = new float[g];
    }
    boolean plain = peep == null && !node.clips();
    float[] hd = new float[batch * h]; // [batch, hidden]: one direction's state
    for (int d = 0; d < dirs; d++) {
      HeapActivation f = node.act[d][0];
      HeapActivation gAct = node.act[d][1];
      HeapActivation hAct = node.act[d][2];
      float[] bias = w.bias;
      int bo = d * g;
      int po = d * 3 * h;
      int so0 = d * batch * h;
      System.arraycopy(hs, so0, hd, 0, batch * h);
      for (int s = 0; s < q.seq; s++) {
        recur(w, d, 0, g, hd, batch, rec);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          if (t < 0) {
            continue;
          }
          int xo = (t * batch + b) * stride + d * g;
          int ro = b * g;
          int so = so0 + b * h;
          int yo = ((t * dirs + d) * batch + b) * h;
          for (int k = 0; k < g; k++) { // pre-activations of gates i, o, f, c
            pre[k] = xw[xo + k] + rec[ro + k] + bias[bo + k];
          }
          if (plain) {
            update(f, gAct, hAct, cs, so, hd, b * h, y, yo, h);
          } else {
            updateInGeneral(f, gAct, hAct, peep, po, cs, so, hd, b * h, y, yo, h);
          }
        }
      }
      System.arraycopy(hd, 0, hs, so0, batch * h);
    }
    return new Dense[] {q.y(y, h), q.state(hs, h), q.state(cs, h)};
  }

  /**
   * The cell update without peepholes or clip, in passes the JIT can vectorize: f over gates
   * i, o, f at once, g over c, then the state.
   */
  private void update(HeapActivation f, HeapActivation gAct, HeapActivation hAct, float[] cs,
      int so, float[] hd, int ho, float[] y, int yo, int h) {
    f.applyAll(pre, 0, inputForget ? 2 * h : 3 * h);
    gAct.applyAll(pre, 3 * h, 4 * h);
    for (int j = 0; j < h; j++) {
      float it = pre[j];
      float ft = inputForget ? 1 - it : pre[2 * h + j];
      float cNew = ft * cs[so + j] + it * pre[3 * h + j];
      cs[so + j] = cNew;
      pre[j] = cNew; // gate i's slot now holds the new cell state
    }
    hAct.applyAll(pre, 0, h);
    for (int j = 0; j < h; j++) {
      float hNew = pre[h + j] * pre[j];
      hd[ho + j] = hNew;
      y[yo + j] = hNew;
    }
  }

  /** The cell update with peepholes and clip: one pass per unit, as the spec reads. */
  private void updateInGeneral(HeapActivation f, HeapActivation gAct, HeapActivation hAct,
      float[] peep, int po, float[] cs, int so, float[] hd, int ho, float[] y, int yo, int h) {
    for (int j = 0; j < h; j++) {
      float cPrev = cs[so + j];
      float gi = pre[j];
      float go = pre[h + j];
      float gf = pre[2 * h + j];
      float gc = pre[3 * h + j];
      if (peep != null) {
        gi += peep[po + j] * cPrev;
        gf += peep[po + 2 * h + j] * cPrev;
      }
      float it = f.apply(node.clipped(gi));
      float ft = inputForget ? 1 - it : f.apply(node.clipped(gf));
      float ct = gAct.apply(node.clipped(gc));
      float cNew = ft * cPrev + it * ct;
      if (peep != null) {
        go += peep[po + h + j] * cNew;
      }
      float hNew = f.apply(node.clipped(go)) * hAct.apply(cNew);
      cs[so + j] = cNew;
      hd[ho + j] = hNew;
      y[yo + j] = hNew;
    }
  }

  private float[] peepholes(Dense[] in, int h) {
    Dense p = in.length > P ? in[P] : null;
    if (p == null) {
      return null;
    }
    if (!p.isFloat() || p.size() != node.dirs * 3 * h) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "P " + p + " is not " + node.dirs
          + " x " + 3 * h);
    }
    return p.f;
  }
}
