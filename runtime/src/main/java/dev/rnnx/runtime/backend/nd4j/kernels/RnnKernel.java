package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ONNX RNN: {@code Ht = f(Xt Wi^T + Ht-1 Ri^T + Wbi + Rbi)}. */
final class RnnKernel extends RecurrentKernel {
  RnnKernel(Node n, CompileContext ctx) {
    super(n, ctx, List.of("Tanh"), new int[] {0, 1});
  }

  @Override
  public INDArray[] run(INDArray[] in, Scope scope) {
    Sequence q = new Sequence(in);
    int h = hidden;
    int batch = q.batch;
    double[] h0 = q.initial(in, INITIAL_H);
    double[] y = new double[q.seq * dirs * batch * h]; // [seq, dirs, batch, hidden]
    double[] yh = new double[dirs * batch * h]; // [dirs, batch, hidden]
    for (int d = 0; d < dirs; d++) {
      double[] xw = q.projection(d); // [seq * batch, hidden]
      double[] wb = q.weights.wb[d];
      double[] rb = q.weights.rb[d];
      DoubleUnaryOperator f = act[d][0];
      double[] hs = Arrays.copyOfRange(h0, d * batch * h, (d + 1) * batch * h); // [batch, h]
      INDArray hPrev = q.buffer(batch, h); // [batch, hidden]
      INDArray rec = q.buffer(batch, h); // [batch, hidden]
      double[] rv = new double[batch * h];
      for (int s = 0; s < q.seq; s++) {
        NdArrays.write(hPrev, hs);
        q.step(hPrev, q.weights.rt[d][0], rec);
        NdArrays.read(rec, rv);
        for (int b = 0; b < batch; b++) {
          int t = q.time(d, b, s);
          for (int j = 0; t >= 0 && j < h; j++) {
            int at = b * h + j;
            hs[at] = f.applyAsDouble(clipped(xw[(t * batch + b) * h + j] + rv[at] + wb[j]
                + rb[j]));
            y[((t * dirs + d) * batch + b) * h + j] = hs[at];
          }
        }
      }
      hPrev.close();
      rec.close();
      System.arraycopy(hs, 0, yh, d * batch * h, batch * h);
    }
    q.close();
    return new INDArray[] {q.y(y, in[X].dataType()), q.state(yh, in[X].dataType())};
  }
}
