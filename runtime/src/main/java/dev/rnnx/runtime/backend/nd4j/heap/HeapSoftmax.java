package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.NdArrays;

/**
 * Softmax and LogSoftmax: from opset 13 along one axis (default -1); before it the input is
 * coerced to 2-D at {@code axis} (default 1) and each row normalized. Computed in double with
 * the maximum subtracted, like the ND4J kernels.
 */
final class HeapSoftmax implements HeapKernel {
  private final boolean log;
  private final boolean coerced;
  private final long axis;

  static void register(HeapRegistry r) {
    for (boolean log : new boolean[] {false, true}) {
      String op = log ? "LogSoftmax" : "Softmax";
      r.add(op, 1, (n, ctx) -> create(n, ctx, log, true));
      r.add(op, 13, (n, ctx) -> create(n, ctx, log, false));
    }
  }

  private static HeapKernel create(Node n, HeapContext ctx, boolean log, boolean coerced) {
    return HeapLinear.floats(ctx)
        ? new HeapSoftmax(log, coerced, n.intAttr("axis", coerced ? 1 : -1)) : null;
  }

  private HeapSoftmax(boolean log, boolean coerced, long axis) {
    this.log = log;
    this.coerced = coerced;
    this.axis = axis;
  }

  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense x = in[0];
    float[] v = HeapLinear.data(x);
    long[] s = x.shape;
    int rank = s.length;
    int a = NdArrays.axis(axis, rank);
    int outer = HeapLinear.count(s, 0, Math.min(a, rank));
    int n = coerced ? HeapLinear.count(s, a, rank) : rank == 0 ? 1 : (int) s[a];
    int inner = coerced ? 1 : HeapLinear.count(s, Math.min(a + 1, rank), rank);
    float[] y = new float[v.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, v[base + j * inner]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += Math.exp(v[base + j * inner] - max);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < n; j++) {
          int at = base + j * inner;
          y[at] = (float) (log ? v[at] - max - logSum : Math.exp(v[at] - max) / sum);
        }
      }
    }
    return new Dense[] {Dense.floats(s.clone(), y)};
  }
}
