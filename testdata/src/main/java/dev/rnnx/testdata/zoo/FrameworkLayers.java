package dev.rnnx.testdata.zoo;

import dev.rnnx.testdata.reference.NdArrays;
import dev.rnnx.tensor.Tensor;

/**
 * PyTorch's and Keras's recurrent layers written from those frameworks' own documented
 * equations, on weights in their own layouts (one direction, zero initial state). The zoo's
 * exporter-style models convert such weights to ONNX's layout with {@link GateOrder}; evaluating
 * the same weights here, unconverted, checks that conversion independently of the ONNX
 * reference kernels.
 */
final class FrameworkLayers {
  private FrameworkLayers() {}

  /**
   * A layer's results.
   *
   * @param hs every step's hidden state, {@code [seq][batch][hidden]}
   * @param h the last hidden state, {@code [batch][hidden]}
   */
  record Run(double[][][] hs, double[][] h) {}

  /**
   * {@code torch.nn.LSTM} (one layer): {@code i, f, g, o} blocks of {@code weight_ih_l0}
   * {@code [4H, I]} and {@code weight_hh_l0} {@code [4H, H]}; {@code c' = f*c + i*g},
   * {@code h' = o*tanh(c')}.
   */
  static Run torchLstm(double[][][] x, Tensor weightIh, Tensor weightHh, Tensor biasIh,
      Tensor biasHh) {
    double[][] wih = NdArrays.matrix(weightIh);
    double[][] whh = NdArrays.matrix(weightHh);
    double[] bih = NdArrays.vector(biasIh);
    double[] bhh = NdArrays.vector(biasHh);
    int hidden = whh[0].length;
    int batch = x[0].length;
    double[][][] hs = new double[x.length][batch][];
    double[][] hLast = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      double[] c = new double[hidden];
      for (int t = 0; t < x.length; t++) {
        double[] pre = add(affine(wih, x[t][b], bih), affine(whh, h, bhh)); // [4H]: i, f, g, o
        double[] cNext = new double[hidden];
        double[] hNext = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double i = sigmoid(pre[j]);
          double f = sigmoid(pre[hidden + j]);
          double g = Math.tanh(pre[2 * hidden + j]);
          double o = sigmoid(pre[3 * hidden + j]);
          cNext[j] = f * c[j] + i * g;
          hNext[j] = o * Math.tanh(cNext[j]);
        }
        h = hNext;
        c = cNext;
        hs[t][b] = h;
      }
      hLast[b] = h;
    }
    return new Run(hs, hLast);
  }

  /**
   * {@code torch.nn.GRU} (one layer, one direction): {@code r, z, n} blocks;
   * {@code n = tanh(W_in x + b_in + r*(W_hn h + b_hn))}, {@code h' = (1-z)*n + z*h}.
   *
   * @param reverse run from the last step to the first, as the reverse half of a bidirectional
   *     layer does
   */
  static Run torchGru(double[][][] x, Tensor weightIh, Tensor weightHh, Tensor biasIh,
      Tensor biasHh, boolean reverse) {
    double[][] wih = NdArrays.matrix(weightIh);
    double[][] whh = NdArrays.matrix(weightHh);
    double[] bih = NdArrays.vector(biasIh);
    double[] bhh = NdArrays.vector(biasHh);
    int hidden = whh[0].length;
    int batch = x[0].length;
    double[][][] hs = new double[x.length][batch][];
    double[][] hLast = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      for (int step = 0; step < x.length; step++) {
        int t = reverse ? x.length - 1 - step : step;
        double[] gx = affine(wih, x[t][b], bih); // [3H]: r, z, n
        double[] gh = affine(whh, h, bhh); // [3H]: r, z, n
        double[] hNext = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double r = sigmoid(gx[j] + gh[j]);
          double z = sigmoid(gx[hidden + j] + gh[hidden + j]);
          double n = Math.tanh(gx[2 * hidden + j] + r * gh[2 * hidden + j]);
          hNext[j] = (1 - z) * n + z * h[j];
        }
        h = hNext;
        hs[t][b] = h;
      }
      hLast[b] = h;
    }
    return new Run(hs, hLast);
  }

  /**
   * {@code keras.layers.LSTM}: {@code z = x @ kernel + h @ recurrent_kernel + bias} with
   * columns {@code i, f, c, o}; sigmoid recurrent activation, tanh activation.
   */
  static Run kerasLstm(double[][][] x, Tensor kernel, Tensor recurrentKernel, Tensor bias) {
    double[][] k = NdArrays.matrix(kernel); // [I, 4H]
    double[][] rk = NdArrays.matrix(recurrentKernel); // [H, 4H]
    double[] bv = NdArrays.vector(bias); // [4H]
    int hidden = rk.length;
    int batch = x[0].length;
    double[][][] hs = new double[x.length][batch][];
    double[][] hLast = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      double[] c = new double[hidden];
      for (int t = 0; t < x.length; t++) {
        double[] z = add(add(rowTimes(x[t][b], k), rowTimes(h, rk)), bv); // [4H]: i, f, c, o
        double[] cNext = new double[hidden];
        double[] hNext = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double i = sigmoid(z[j]);
          double f = sigmoid(z[hidden + j]);
          cNext[j] = f * c[j] + i * Math.tanh(z[2 * hidden + j]);
          hNext[j] = sigmoid(z[3 * hidden + j]) * Math.tanh(cNext[j]);
        }
        h = hNext;
        c = cNext;
        hs[t][b] = h;
      }
      hLast[b] = h;
    }
    return new Run(hs, hLast);
  }

  /**
   * {@code keras.layers.GRU(reset_after=True)}: columns {@code z, r, h}; bias {@code [2, 3H]}
   * (input bias, recurrent bias); {@code hh = tanh(x_h + r*(h @ rk_h + rb_h))},
   * {@code h' = z*h + (1-z)*hh}.
   */
  static Run kerasGru(double[][][] x, Tensor kernel, Tensor recurrentKernel, Tensor bias) {
    double[][] k = NdArrays.matrix(kernel); // [I, 3H]
    double[][] rk = NdArrays.matrix(recurrentKernel); // [H, 3H]
    double[][] bv = NdArrays.matrix(bias); // [2, 3H]
    int hidden = rk.length;
    int batch = x[0].length;
    double[][][] hs = new double[x.length][batch][];
    double[][] hLast = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] h = new double[hidden];
      for (int t = 0; t < x.length; t++) {
        double[] mx = add(rowTimes(x[t][b], k), bv[0]); // [3H]: z, r, h
        double[] mh = add(rowTimes(h, rk), bv[1]); // [3H]: z, r, h
        double[] hNext = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double z = sigmoid(mx[j] + mh[j]);
          double r = sigmoid(mx[hidden + j] + mh[hidden + j]);
          double hh = Math.tanh(mx[2 * hidden + j] + r * mh[2 * hidden + j]);
          hNext[j] = z * h[j] + (1 - z) * hh;
        }
        h = hNext;
        hs[t][b] = h;
      }
      hLast[b] = h;
    }
    return new Run(hs, hLast);
  }

  /** @return {@code m v + bias}: rows of {@code m} dotted with {@code v} */
  private static double[] affine(double[][] m, double[] v, double[] bias) {
    double[] out = bias.clone();
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < v.length; c++) {
        out[r] += m[r][c] * v[c];
      }
    }
    return out;
  }

  /** @return {@code v m}: the row vector {@code v} times {@code m} */
  private static double[] rowTimes(double[] v, double[][] m) {
    double[] out = new double[m[0].length];
    for (int r = 0; r < v.length; r++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += v[r] * m[r][c];
      }
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < a.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
