package dev.rnnx.runtime.backend.nd4j;

import java.util.function.DoubleUnaryOperator;

/**
 * LSTM, GRU and RNN written straight from the ONNX spec's equations, one scalar at a time, for
 * tensors in sequence-major layout: X [seq, batch, input], W [dirs, gates*H, input],
 * R [dirs, gates*H, H], B [dirs, 2*gates*H], states [dirs, batch, H].
 */
final class RecurrentReference {
  /** Outputs: Y [seq, dirs, batch, H], Y_h and Y_c [dirs, batch, H]. */
  record Result(double[] y, double[] yh, double[] yc) {}

  private final int seq;
  private final int batch;
  private final int input;
  private final int hidden;
  private final int dirs;
  private final boolean reverseOnly;
  private final int[] lens;

  RecurrentReference(int seq, int batch, int input, int hidden, String direction, int[] lens) {
    this.seq = seq;
    this.batch = batch;
    this.input = input;
    this.hidden = hidden;
    this.dirs = direction.equals("bidirectional") ? 2 : 1;
    this.reverseOnly = direction.equals("reverse");
    this.lens = lens;
  }

  /** sum over k of M[d][row][k] * v[k] */
  private static double dot(float[] m, int d, int rows, int cols, int row, double[] v,
      int vOffset) {
    double s = 0;
    for (int k = 0; k < cols; k++) {
      s += m[(d * rows + row) * cols + k] * v[vOffset + k];
    }
    return s;
  }

  private double[] xt(float[] x, int t, int b) {
    double[] v = new double[input];
    for (int k = 0; k < input; k++) {
      v[k] = x[(t * batch + b) * input + k];
    }
    return v;
  }

  private int time(int d, int b, int s) {
    return reverseOnly || d == 1 ? lens[b] - 1 - s : s;
  }

  Result lstm(float[] x, float[] w, float[] r, float[] bias, float[] p, float[] h0, float[] c0,
      double clip, boolean inputForget, DoubleUnaryOperator f, DoubleUnaryOperator g,
      DoubleUnaryOperator h) {
    int hh = hidden;
    double[] y = new double[seq * dirs * batch * hh];
    double[] yh = new double[dirs * batch * hh];
    double[] yc = new double[dirs * batch * hh];
    for (int d = 0; d < dirs; d++) {
      for (int b = 0; b < batch; b++) {
        double[] hs = new double[hh];
        double[] cs = new double[hh];
        for (int j = 0; j < hh; j++) {
          hs[j] = h0 == null ? 0 : h0[(d * batch + b) * hh + j];
          cs[j] = c0 == null ? 0 : c0[(d * batch + b) * hh + j];
        }
        for (int s = 0; s < lens[b]; s++) {
          int t = time(d, b, s);
          double[] xv = xt(x, t, b);
          double[] nh = new double[hh];
          double[] nc = new double[hh];
          for (int j = 0; j < hh; j++) {
            double[] pre = new double[4]; // i, o, f, c
            for (int gate = 0; gate < 4; gate++) {
              int row = gate * hh + j;
              pre[gate] = dot(w, d, 4 * hh, input, row, xv, 0) + dot(r, d, 4 * hh, hh, row, hs, 0)
                  + (bias == null ? 0 : bias[d * 8 * hh + row] + bias[d * 8 * hh + 4 * hh + row]);
            }
            double pi = p == null ? 0 : p[d * 3 * hh + j];
            double po = p == null ? 0 : p[d * 3 * hh + hh + j];
            double pf = p == null ? 0 : p[d * 3 * hh + 2 * hh + j];
            double it = f.applyAsDouble(clip(pre[0] + pi * cs[j], clip));
            double ft = inputForget ? 1 - it : f.applyAsDouble(clip(pre[2] + pf * cs[j], clip));
            double ct = g.applyAsDouble(clip(pre[3], clip));
            nc[j] = ft * cs[j] + it * ct;
            double ot = f.applyAsDouble(clip(pre[1] + po * nc[j], clip));
            nh[j] = ot * h.applyAsDouble(nc[j]);
          }
          hs = nh;
          cs = nc;
          for (int j = 0; j < hh; j++) {
            y[((t * dirs + d) * batch + b) * hh + j] = hs[j];
          }
        }
        for (int j = 0; j < hh; j++) {
          yh[(d * batch + b) * hh + j] = hs[j];
          yc[(d * batch + b) * hh + j] = cs[j];
        }
      }
    }
    return new Result(y, yh, yc);
  }

  Result gru(float[] x, float[] w, float[] r, float[] bias, float[] h0, double clip,
      boolean linearBeforeReset, DoubleUnaryOperator f, DoubleUnaryOperator g) {
    int hh = hidden;
    double[] y = new double[seq * dirs * batch * hh];
    double[] yh = new double[dirs * batch * hh];
    for (int d = 0; d < dirs; d++) {
      for (int b = 0; b < batch; b++) {
        double[] hs = new double[hh];
        for (int j = 0; j < hh; j++) {
          hs[j] = h0 == null ? 0 : h0[(d * batch + b) * hh + j];
        }
        for (int s = 0; s < lens[b]; s++) {
          int t = time(d, b, s);
          double[] xv = xt(x, t, b);
          double[] z = new double[hh];
          double[] rr = new double[hh];
          for (int j = 0; j < hh; j++) {
            z[j] = f.applyAsDouble(clip(dot(w, d, 3 * hh, input, j, xv, 0)
                + dot(r, d, 3 * hh, hh, j, hs, 0) + wb(bias, d, j) + rb(bias, d, j), clip));
            rr[j] = f.applyAsDouble(clip(dot(w, d, 3 * hh, input, hh + j, xv, 0)
                + dot(r, d, 3 * hh, hh, hh + j, hs, 0) + wb(bias, d, hh + j)
                + rb(bias, d, hh + j), clip));
          }
          double[] rh = new double[hh];
          for (int j = 0; j < hh; j++) {
            rh[j] = rr[j] * hs[j];
          }
          double[] nh = new double[hh];
          for (int j = 0; j < hh; j++) {
            int row = 2 * hh + j;
            double pre = linearBeforeReset
                ? dot(w, d, 3 * hh, input, row, xv, 0)
                    + rr[j] * (dot(r, d, 3 * hh, hh, row, hs, 0) + rb(bias, d, row))
                    + wb(bias, d, row)
                : dot(w, d, 3 * hh, input, row, xv, 0) + dot(r, d, 3 * hh, hh, row, rh, 0)
                    + rb(bias, d, row) + wb(bias, d, row);
            double ht = g.applyAsDouble(clip(pre, clip));
            nh[j] = (1 - z[j]) * ht + z[j] * hs[j];
          }
          hs = nh;
          for (int j = 0; j < hh; j++) {
            y[((t * dirs + d) * batch + b) * hh + j] = hs[j];
          }
        }
        for (int j = 0; j < hh; j++) {
          yh[(d * batch + b) * hh + j] = hs[j];
        }
      }
    }
    return new Result(y, yh, null);
  }

  Result rnn(float[] x, float[] w, float[] r, float[] bias, float[] h0, double clip,
      DoubleUnaryOperator f) {
    int hh = hidden;
    double[] y = new double[seq * dirs * batch * hh];
    double[] yh = new double[dirs * batch * hh];
    for (int d = 0; d < dirs; d++) {
      for (int b = 0; b < batch; b++) {
        double[] hs = new double[hh];
        for (int j = 0; j < hh; j++) {
          hs[j] = h0 == null ? 0 : h0[(d * batch + b) * hh + j];
        }
        for (int s = 0; s < lens[b]; s++) {
          int t = time(d, b, s);
          double[] xv = xt(x, t, b);
          double[] nh = new double[hh];
          for (int j = 0; j < hh; j++) {
            nh[j] = f.applyAsDouble(clip(dot(w, d, hh, input, j, xv, 0)
                + dot(r, d, hh, hh, j, hs, 0) + wb1(bias, d, j) + rb1(bias, d, j), clip));
          }
          hs = nh;
          for (int j = 0; j < hh; j++) {
            y[((t * dirs + d) * batch + b) * hh + j] = hs[j];
          }
        }
        for (int j = 0; j < hh; j++) {
          yh[(d * batch + b) * hh + j] = hs[j];
        }
      }
    }
    return new Result(y, yh, null);
  }

  private double wb(float[] bias, int d, int row) {
    return bias == null ? 0 : bias[d * 6 * hidden + row];
  }

  private double rb(float[] bias, int d, int row) {
    return bias == null ? 0 : bias[d * 6 * hidden + 3 * hidden + row];
  }

  private double wb1(float[] bias, int d, int row) {
    return bias == null ? 0 : bias[d * 2 * hidden + row];
  }

  private double rb1(float[] bias, int d, int row) {
    return bias == null ? 0 : bias[d * 2 * hidden + hidden + row];
  }

  private static double clip(double v, double clip) {
    return Math.max(-clip, Math.min(clip, v));
  }
}
