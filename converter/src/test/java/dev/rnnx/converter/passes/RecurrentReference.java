package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-Java evaluator, written from the ONNX operator definitions, of graphs of LSTM, GRU,
 * RNN (both layouts, all directions, default activations, sequence_lens, peepholes, GRU's
 * linear_before_reset) and Transpose nodes: the reference the layout rewrite is checked
 * against. Indexing follows each layout directly, never by transposing.
 */
final class RecurrentReference {
  private RecurrentReference() {}

  /** @return the graph's outputs for these input values (initializers are added) */
  static List<Tensor> run(Graph g, Map<String, Tensor> inputs) {
    Map<String, Tensor> values = new HashMap<>(g.initializers());
    values.putAll(inputs);
    for (Node n : g.nodes()) {
      List<Tensor> in = new ArrayList<>();
      for (String name : n.inputs()) {
        in.add(name.isEmpty() ? null : values.get(name));
      }
      List<Tensor> out = n.opType().equals("Transpose")
          ? List.of(transpose(in.get(0), n.attribute("perm").orElseThrow().asInts()))
          : recurrent(n, in);
      for (int k = 0; k < n.outputs().size(); k++) {
        if (!n.outputs().get(k).isEmpty()) {
          values.put(n.outputs().get(k), out.get(k));
        }
      }
    }
    return g.outputs().stream().map(ValueInfo::name).map(values::get).toList();
  }

  private static Tensor transpose(Tensor t, long[] perm) {
    long[] shape = t.shape();
    long[] outShape = new long[shape.length];
    for (int k = 0; k < perm.length; k++) {
      outShape[k] = shape[(int) perm[k]];
    }
    float[] in = t.toFloatArray();
    float[] out = new float[in.length];
    int[] index = new int[shape.length];
    for (int i = 0; i < out.length; i++) {
      int rest = i; // i's multi-index in the output shape
      int[] outIndex = new int[shape.length];
      for (int k = shape.length - 1; k >= 0; k--) {
        outIndex[k] = (int) (rest % outShape[k]);
        rest /= outShape[k];
      }
      for (int k = 0; k < perm.length; k++) {
        index[(int) perm[k]] = outIndex[k];
      }
      int flat = 0;
      for (int k = 0; k < shape.length; k++) {
        flat = flat * (int) shape[k] + index[k];
      }
      out[i] = in[flat];
    }
    return Tensor.of(out, outShape);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** LSTM, GRU or RNN; outputs Y, Y_h (and Y_c) in the node's layout. */
  private static List<Tensor> recurrent(Node n, List<Tensor> in) {
    String op = n.opType();
    int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
    boolean batchMajor = n.intAttr("layout", 0) == 1;
    String direction = n.stringAttr("direction", "forward");
    int dirs = direction.equals("bidirectional") ? 2 : 1;
    int hidden = (int) n.intAttr("hidden_size", 0);
    Tensor x = in.get(0);
    int seq = (int) x.dim(batchMajor ? 1 : 0);
    int batch = (int) x.dim(batchMajor ? 0 : 1);
    int inputSize = (int) x.dim(2);
    float[] xs = x.toFloatArray();
    float[] w = in.get(1).toFloatArray();
    float[] r = in.get(2).toFloatArray();
    float[] b = get(in, 3) == null ? new float[dirs * 2 * gates * hidden] : get(in, 3)
        .toFloatArray();
    long[] lens = get(in, 4) == null ? null : get(in, 4).toLongArray();
    float[] h0 = get(in, 5) == null ? null : get(in, 5).toFloatArray();
    float[] c0 = get(in, 6) == null ? null : get(in, 6).toFloatArray();
    float[] p = get(in, 7) == null ? new float[dirs * 3 * hidden] : get(in, 7).toFloatArray();
    boolean linearBeforeReset = n.intAttr("linear_before_reset", 0) != 0;
    float[] y = new float[seq * dirs * batch * hidden];
    float[] yh = new float[dirs * batch * hidden];
    float[] yc = new float[dirs * batch * hidden];
    for (int d = 0; d < dirs; d++) {
      boolean reverse = direction.equals("reverse") || d == 1;
      for (int bt = 0; bt < batch; bt++) {
        int len = lens == null ? seq : (int) lens[bt];
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          int s = state(batchMajor, dirs, batch, hidden, d, bt, j);
          h[j] = h0 == null ? 0 : h0[s];
          c[j] = c0 == null ? 0 : c0[s];
        }
        for (int step = 0; step < len; step++) {
          int t = reverse ? len - 1 - step : step;
          double[] xt = new double[inputSize];
          for (int i = 0; i < inputSize; i++) {
            xt[i] = xs[batchMajor ? (bt * seq + t) * inputSize + i : (t * batch + bt) * inputSize
                + i];
          }
          // xw[g][j] = Xt W_g^T + Wb_g, hr[g][j] = Ht-1 R_g^T + Rb_g
          double[][] xw = new double[gates][hidden];
          double[][] hr = new double[gates][hidden];
          for (int g = 0; g < gates; g++) {
            for (int j = 0; j < hidden; j++) {
              int row = (d * gates + g) * hidden + j;
              double sx = b[(d * 2 * gates + g) * hidden + j];
              for (int i = 0; i < inputSize; i++) {
                sx += xt[i] * w[row * inputSize + i];
              }
              double sh = b[(d * 2 * gates + gates + g) * hidden + j];
              for (int k = 0; k < hidden; k++) {
                sh += h[k] * r[row * hidden + k];
              }
              xw[g][j] = sx;
              hr[g][j] = sh;
            }
          }
          double[] nh = new double[hidden];
          double[] nc = new double[hidden];
          if (op.equals("RNN")) {
            for (int j = 0; j < hidden; j++) {
              nh[j] = Math.tanh(xw[0][j] + hr[0][j]);
            }
          } else if (op.equals("GRU")) { // gates z, r, h
            double[] z = new double[hidden];
            double[] rg = new double[hidden];
            for (int j = 0; j < hidden; j++) {
              z[j] = sigmoid(xw[0][j] + hr[0][j]);
              rg[j] = sigmoid(xw[1][j] + hr[1][j]);
            }
            for (int j = 0; j < hidden; j++) {
              double cand;
              if (linearBeforeReset) { // rt (.) (Ht-1 Rh^T + Rbh)
                cand = Math.tanh(xw[2][j] + rg[j] * hr[2][j]);
              } else { // (rt (.) Ht-1) Rh^T + Rbh
                double sum = b[(d * 2 * gates + gates + 2) * hidden + j];
                for (int k = 0; k < hidden; k++) {
                  sum += rg[k] * h[k] * r[((d * gates + 2) * hidden + j) * hidden + k];
                }
                cand = Math.tanh(xw[2][j] + sum);
              }
              nh[j] = (1 - z[j]) * cand + z[j] * h[j];
            }
          } else { // LSTM: gates i, o, f, c; peepholes P = [Pi, Po, Pf]
            for (int j = 0; j < hidden; j++) {
              double pi = p[(d * 3) * hidden + j];
              double po = p[(d * 3 + 1) * hidden + j];
              double pf = p[(d * 3 + 2) * hidden + j];
              double ig = sigmoid(xw[0][j] + hr[0][j] + pi * c[j]);
              double fg = sigmoid(xw[2][j] + hr[2][j] + pf * c[j]);
              double cg = Math.tanh(xw[3][j] + hr[3][j]);
              nc[j] = fg * c[j] + ig * cg;
              double og = sigmoid(xw[1][j] + hr[1][j] + po * nc[j]);
              nh[j] = og * Math.tanh(nc[j]);
            }
          }
          h = nh;
          c = op.equals("LSTM") ? nc : c;
          for (int j = 0; j < hidden; j++) {
            y[batchMajor ? ((bt * seq + t) * dirs + d) * hidden + j
                : ((t * dirs + d) * batch + bt) * hidden + j] = (float) h[j];
          }
        }
        for (int j = 0; j < hidden; j++) {
          int s = state(batchMajor, dirs, batch, hidden, d, bt, j);
          yh[s] = (float) h[j];
          yc[s] = (float) c[j];
        }
      }
    }
    long[] yShape = batchMajor ? new long[] {batch, seq, dirs, hidden}
        : new long[] {seq, dirs, batch, hidden};
    long[] sShape = batchMajor ? new long[] {batch, dirs, hidden}
        : new long[] {dirs, batch, hidden};
    return List.of(Tensor.of(y, yShape), Tensor.of(yh, sShape), Tensor.of(yc, sShape));
  }

  private static int state(boolean batchMajor, int dirs, int batch, int hidden, int d, int bt,
      int j) {
    return batchMajor ? (bt * dirs + d) * hidden + j : (d * batch + bt) * hidden + j;
  }

  private static Tensor get(List<Tensor> in, int i) {
    return i < in.size() ? in.get(i) : null;
  }

  /** @return a deterministic pseudo-random float tensor in [-1, 1) */
  static Tensor random(long seed, long... shape) {
    java.util.Random rnd = new java.util.Random(seed);
    float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, c) -> a * c)];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextFloat() * 2 - 1;
    }
    return Tensor.of(v, shape);
  }
}
