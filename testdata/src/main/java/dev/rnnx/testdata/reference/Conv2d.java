package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.Tensor;

/**
 * The 2-D ONNX {@code Conv} operator (a cross-correlation, as in every deep-learning framework):
 *
 * <pre>
 * Y[n][m][oy][ox] = B[m] + sum over c in m's group, ky, kx of
 *     X[n][c][oy*sH - padTop + ky*dH][ox*sW - padLeft + kx*dW] * W[m][c - groupStart][ky][kx]
 * </pre>
 *
 * where positions outside {@code X} read as zero, and the output size along H is
 * {@code floor((H + padTop + padBottom - dH*(kH - 1) - 1) / sH) + 1} (likewise W).
 */
public final class Conv2d {
  private Conv2d() {}

  /**
   * @param x {@code [N, C, H, W]}
   * @param w {@code [M, C/group, kH, kW]}
   * @param bias {@code [M]}, or null for none
   * @param a pads, strides, dilations and group
   * @return {@code [N, M, outH, outW]}, in {@code x}'s element type
   */
  public static Tensor conv(Tensor x, Tensor w, Tensor bias, Conv2dAttributes a) {
    double[][][][] in = NdArrays.array4(x); // [N, C, H, W]
    double[][][][] k = NdArrays.array4(w); // [M, C/group, kH, kW]
    double[] b = bias == null ? new double[k.length] : NdArrays.vector(bias); // [M]
    int n = in.length;
    int c = in[0].length;
    int h = in[0][0].length;
    int wd = in[0][0][0].length;
    int m = k.length;
    int cPerGroup = k[0].length;
    int kh = k[0][0].length;
    int kw = k[0][0][0].length;
    if (cPerGroup * a.group() != c || m % a.group() != 0) {
      throw new IllegalArgumentException("Conv: " + c + " input channels, " + m
          + " output channels and weights for " + cPerGroup + " channels do not fit group "
          + a.group());
    }
    int mPerGroup = m / a.group();
    int outH = (h + a.padTop() + a.padBottom() - a.dilationH() * (kh - 1) - 1) / a.strideH() + 1;
    int outW = (wd + a.padLeft() + a.padRight() - a.dilationW() * (kw - 1) - 1) / a.strideW() + 1;
    double[][][][] y = new double[n][m][outH][outW]; // [N, M, outH, outW]
    for (int batch = 0; batch < n; batch++) {
      for (int oc = 0; oc < m; oc++) {
        int groupStart = (oc / mPerGroup) * cPerGroup;
        for (int oy = 0; oy < outH; oy++) {
          for (int ox = 0; ox < outW; ox++) {
            double sum = b[oc];
            for (int ic = 0; ic < cPerGroup; ic++) {
              for (int ky = 0; ky < kh; ky++) {
                int iy = oy * a.strideH() - a.padTop() + ky * a.dilationH();
                if (iy < 0 || iy >= h) {
                  continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                  int ix = ox * a.strideW() - a.padLeft() + kx * a.dilationW();
                  if (ix >= 0 && ix < wd) {
                    sum += in[batch][groupStart + ic][iy][ix] * k[oc][ic][ky][kx];
                  }
                }
              }
            }
            y[batch][oc][oy][ox] = sum;
          }
        }
      }
    }
    return NdArrays.tensor(x.type(), y);
  }
}
