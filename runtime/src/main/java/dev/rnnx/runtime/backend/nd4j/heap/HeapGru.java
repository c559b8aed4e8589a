package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import java.util.List;

/**
 * ONNX GRU on the heap path (gates z, r, h in W, R and B):
 * <pre>
 * zt = f(Xt Wz^T + Ht-1 Rz^T + Wbz + Rbz)
 * rt = f(Xt Wr^T + Ht-1 Rr^T + Wbr + Rbr)
 * ht = g(Xt Wh^T + (rt . Ht-1) Rh^T + Rbh + Wbh)          linear_before_reset = 0
 * ht = g(Xt Wh^T + rt . (Ht-1 Rh^T + Rbh) + Wbh)          linear_before_reset != 0
 * Ht = (1 - zt) . ht + zt . Ht-1
 * </pre>
 * With linear_before_reset a step is one product H R^T; without it the reset gate must be
 * known before the h gate's recurrence, so a step is H [Rz; Rr]^T, then (r . H) Rh^T. Either
 * way the h gate keeps Xt Wh^T apart from the recurrence, so one-step runs are not folded.
 */
final class HeapGru extends HeapRecurrentCell {
  private final boolean linearBeforeReset;
  private float[] rv = new float[0]; // [batch, 3 * hidden], reused

  private HeapGru(HeapRecurrentNode node, HeapContext ctx, boolean linearBeforeReset) {
    super(node, ctx, 3, linearBeforeReset, false); // r scales H Rh^T apart from X Wh^T
    this.linearBeforeReset = linearBeforeReset;
  }

  /** @return the kernel, or null when the heap path declines the node */
  static HeapKernel create(Node n, HeapContext ctx) {
    HeapRecurrentNode node = HeapRecurrentNode.of(n, ctx, List.of("Sigmoid", "Tanh"));
    return node == null ? null
        : new HeapGru(node, ctx, n.intAttr("linear_before_reset", 0) != 0);
  }

  @Override
  Dense[] steps(Dense[] in, HeapRecurrentSequence q, HeapRecurrentWeights w, float[] xw) {
    int h = w.hidden;
    int g = 3 * h;
    int dirs = node.dirs;
    int batch = q.batch;
    int stride = dirs * g; // of xw
    int recWidth = linearBeforeReset ? g : 2 * h;
    float[] hs = q.initial(in, INITIAL_H, h); // [dirs, batch, hidden]: becomes Y_h
    float[] y = new float[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    if (rv.length < batch * g) {
      rv = new float[batch * g];
    }
    float[] rec = rv; // [batch, recWidth]: H [Rz; Rr]^T, or H R^T with linear_before_reset
    float[] hd = new float[batch * h]; // [batch, hidden]: one direction's state
    float[] z = new float[batch * h]; // [batch, hidden]: update gate
    float[] r = new float[batch * h]; // [batch, hidden]: reset gate
    float[] rh = new float[batch * h]; // [batch, hidden]: r . H, then (r . H) Rh^T
    float[] pre = new float[h]; // [hidden]: one batch entry's gate h
    float[] bias = w.bias;
    float[] rbh = w.lastRecurrenceBias; // [dirs, hidden] with linear_before_reset, else null
    for (int d = 0; d < dirs; d++) {
      HeapActivation f = node.act[d][0];
      HeapActivation gAct = node.act[d][1];
      int bo = d * g;
      int so0 = d * batch * h;
      System.arraycopy(hs, so0, hd, 0, batch * h);
      for (int s = 0; s < q.seq; s++) {
        recur(w, d, 0, recWidth, hd, batch, rec);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          if (t < 0) {
            continue;
          }
          int xo = (t * batch + b) * stride + d * g;
          int ro = b * recWidth;
          int from = b * h;
          for (int j = 0; j < h; j++) { // pre-activations of gates z and r
            z[from + j] = xw[xo + j] + rec[ro + j] + bias[bo + j];
            r[from + j] = xw[xo + h + j] + rec[ro + h + j] + bias[bo + h + j];
          }
          node.clipAll(z, from, from + h);
          node.clipAll(r, from, from + h);
          f.applyAll(z, from, from + h);
          f.applyAll(r, from, from + h);
          for (int j = from; j < from + h; j++) {
            rh[j] = r[j] * hd[j];
          }
        }
        if (!linearBeforeReset) {
          recur(w, d, 2, h, rh, batch, rh);
        }
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          if (t < 0) {
            continue;
          }
          int xo = (t * batch + b) * stride + d * g + 2 * h;
          int yo = ((t * dirs + d) * batch + b) * h;
          int ro = b * recWidth + 2 * h;
          for (int j = 0; j < h; j++) { // pre-activation of gate h
            int at = b * h + j;
            pre[j] = linearBeforeReset
                ? xw[xo + j] + bias[bo + 2 * h + j] + r[at] * (rec[ro + j] + rbh[d * h + j])
                : xw[xo + j] + rh[at] + bias[bo + 2 * h + j];
          }
          node.clipAll(pre, 0, h);
          gAct.applyAll(pre, 0, h);
          for (int j = 0; j < h; j++) {
            int at = b * h + j;
            float hNew = (1 - z[at]) * pre[j] + z[at] * hd[at];
            hd[at] = hNew;
            y[yo + j] = hNew;
          }
        }
      }
      System.arraycopy(hd, 0, hs, so0, batch * h);
    }
    return new Dense[] {q.y(y, h), q.state(hs, h)};
  }
}
