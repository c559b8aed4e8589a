package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import java.util.List;

/**
 * ONNX RNN on the heap path: {@code Ht = f(Xt Wi^T + Ht-1 Ri^T + Wbi + Rbi)}, one recurrence
 * product per step for the whole batch.
 */
final class HeapRnn extends HeapRecurrentCell {
  private float[] rv = new float[0]; // [batch, hidden], reused

  private HeapRnn(HeapRecurrentNode node, HeapContext ctx) {
    super(node, ctx, 1, false, true);
  }

  /** @return the kernel, or null when the heap path declines the node */
  static HeapKernel create(Node n, HeapContext ctx) {
    HeapRecurrentNode node = HeapRecurrentNode.of(n, ctx, List.of("Tanh"));
    return node == null ? null : new HeapRnn(node, ctx);
  }

  @Override
  Dense[] steps(Dense[] in, HeapRecurrentSequence q, HeapRecurrentWeights w, float[] xw) {
    int h = w.hidden;
    int dirs = node.dirs;
    int batch = q.batch;
    int stride = dirs * h; // of xw
    float[] hs = q.initial(in, INITIAL_H, h); // [dirs, batch, hidden]: becomes Y_h
    float[] y = new float[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    if (rv.length < batch * h) {
      rv = new float[batch * h];
    }
    float[] rec = rv; // [batch, hidden]
    float[] hd = new float[batch * h]; // [batch, hidden]: one direction's state
    for (int d = 0; d < dirs; d++) {
      HeapActivation f = node.act[d][0];
      float[] bias = w.bias;
      int bo = d * h;
      int so0 = d * batch * h;
      System.arraycopy(hs, so0, hd, 0, batch * h);
      for (int s = 0; s < q.seq; s++) {
        recur(w, d, 0, h, hd, batch, rec);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          if (t < 0) {
            continue;
          }
          int xo = (t * batch + b) * stride + d * h;
          int yo = ((t * dirs + d) * batch + b) * h;
          for (int j = 0; j < h; j++) {
            float hNew = f.apply(node.clipped(xw[xo + j] + rec[b * h + j] + bias[bo + j]));
            hd[b * h + j] = hNew;
            y[yo + j] = hNew;
          }
        }
      }
      System.arraycopy(hd, 0, hs, so0, batch * h);
    }
    return new Dense[] {q.y(y, h), q.state(hs, h)};
  }
}
