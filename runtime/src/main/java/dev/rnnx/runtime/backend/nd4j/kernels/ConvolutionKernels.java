package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conv and ConvTranspose in 1, 2 or 3 (any) spatial dims, with groups, dilations, strides,
 * explicit or automatic pads: an im2col (or col2im) pass in plain Java around one ND4J
 * matmul per call (batched over groups).
 */
final class ConvolutionKernels {
  private ConvolutionKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("Conv", 1, (n, c) -> (in, s) -> LayoutKernels.out(conv(n, in[0], in[1],
        in.length > 2 ? in[2] : null)));
    r.add("ConvTranspose", 1, (n, c) -> (in, s) -> LayoutKernels.out(convTranspose(n, in[0],
        in[1], in.length > 2 ? in[2] : null)));
  }

  private static long[] spatial(long[] shape) {
    return Arrays.copyOfRange(shape, 2, shape.length);
  }

  /** Y[n, m, o] = B[m] + sum over c in m's group and kernel taps t of W[m, c, t] X[n, c, o+t] */
  private static INDArray conv(Node n, INDArray x, INDArray w, INDArray b) {
    long[] xs = x.shape(); // [N, C, S...]
    long[] ws = w.shape(); // [M, C/group, K...]
    int groups = (int) n.intAttr("group", 1);
    ConvGeometry geo = ConvGeometry.of(n, spatial(xs), spatial(ws));
    int batch = (int) xs[0];
    int channels = (int) xs[1];
    int perGroup = channels / groups;
    int maps = (int) ws[0];
    int mapsPerGroup = maps / groups;
    int k = geo.kernelSize();
    int outCount = geo.outSize();
    int inCount = NdArrays.count(geo.in);
    int[] taps = geo.taps();
    double[] xv = NdArrays.doubles(x);
    int rows = perGroup * k;
    int cols = batch * outCount;
    double[] im = new double[groups * rows * cols]; // [group, C/group * K, N * O]
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < perGroup; c++) {
        for (int t = 0; t < k; t++) {
          int row = (g * rows + c * k + t) * cols;
          for (int bn = 0; bn < batch; bn++) {
            int src = (bn * channels + g * perGroup + c) * inCount;
            for (int o = 0; o < outCount; o++) {
              int tap = taps[o * k + t];
              im[row + bn * outCount + o] = tap < 0 ? 0 : xv[src + tap];
            }
          }
        }
      }
    }
    DataType type = x.dataType();
    INDArray weights = LayoutKernels.reshaped(w, new long[] {groups, mapsPerGroup, rows});
    INDArray columns = NdArrays.of(type, new long[] {groups, rows, cols}, im);
    INDArray product = groups == 1
        ? LinearAlgebraKernels.mmul(LayoutKernels.reshaped(weights, new long[] {maps, rows}),
            LayoutKernels.reshaped(columns, new long[] {rows, cols}))
        : NdArrays.contiguous(Nd4j.matmul(weights, columns)); // [group, M/group, N * O]
    double[] p = NdArrays.doubles(product);
    double[] bias = b == null ? new double[maps] : NdArrays.doubles(b);
    double[] y = new double[batch * maps * outCount]; // [N, M, O]
    for (int m = 0; m < maps; m++) {
      for (int bn = 0; bn < batch; bn++) {
        for (int o = 0; o < outCount; o++) {
          y[(bn * maps + m) * outCount + o] = p[m * cols + bn * outCount + o] + bias[m];
        }
      }
    }
    long[] outShape = new long[xs.length];
    outShape[0] = batch;
    outShape[1] = maps;
    System.arraycopy(geo.out, 0, outShape, 2, geo.out.length);
    return NdArrays.of(type, outShape, y);
  }

  /**
   * Y[n, m, s * stride + t * dilation - pad] += W[c, m, t] X[n, c, s]: one matmul W^T X per
   * group, then the columns are scattered (col2im) into the output.
   */
  private static INDArray convTranspose(Node n, INDArray x, INDArray w, INDArray b) {
    long[] xs = x.shape(); // [N, C, S...]
    long[] ws = w.shape(); // [C, M/group, K...]
    int groups = (int) n.intAttr("group", 1);
    long[] in = spatial(xs);
    long[] kernel = spatial(ws);
    int d = in.length;
    long[] strides = ConvGeometry.ints(n, "strides", d, 1);
    long[] dil = ConvGeometry.ints(n, "dilations", d, 1);
    long[] outPad = ConvGeometry.ints(n, "output_padding", d, 0);
    long[] pads = n.attribute("pads").map(a -> a.asInts()).orElse(new long[2 * d]);
    long[] explicitOut = n.attribute("output_shape").map(a -> a.asInts()).orElse(null);
    String autoPad = n.stringAttr("auto_pad", "NOTSET");
    long[] begin = new long[d];
    long[] out = new long[d];
    for (int i = 0; i < d; i++) {
      long full = strides[i] * (in[i] - 1) + outPad[i] + (kernel[i] - 1) * dil[i] + 1;
      if (explicitOut != null || autoPad.startsWith("SAME")) {
        out[i] = explicitOut != null ? explicitOut[explicitOut.length - d + i]
            : in[i] * strides[i];
        long total = full - out[i];
        // floor division, as the spec's reference: a negative total pads the end only
        begin[i] = autoPad.equals("SAME_UPPER") ? Math.floorDiv(total, 2)
            : total - Math.floorDiv(total, 2);
      } else {
        begin[i] = autoPad.equals("VALID") ? 0 : pads[i];
        long end = autoPad.equals("VALID") ? 0 : pads[i + d];
        out[i] = full - begin[i] - end;
      }
    }
    int batch = (int) xs[0];
    int channels = (int) xs[1];
    int perGroup = channels / groups;
    int mapsPerGroup = (int) ws[1];
    int maps = mapsPerGroup * groups;
    int k = NdArrays.count(kernel);
    int inCount = NdArrays.count(in);
    int outCount = NdArrays.count(out);
    DataType type = x.dataType();
    // X per group as [group, C/group, N * S]
    double[] xv = NdArrays.doubles(x);
    double[] xg = new double[channels * batch * inCount];
    for (int bn = 0; bn < batch; bn++) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(xv, (bn * channels + c) * inCount, xg, (c * batch + bn) * inCount,
            inCount);
      }
    }
    INDArray xCols = NdArrays.of(type, new long[] {groups, perGroup, batch * inCount}, xg);
    INDArray wt = LayoutKernels.transpose(LayoutKernels.reshaped(w,
        new long[] {groups, perGroup, mapsPerGroup * k}), new long[] {0, 2, 1});
    INDArray cols = groups == 1
        ? LinearAlgebraKernels.mmul(LayoutKernels.reshaped(wt,
            new long[] {mapsPerGroup * k, perGroup}),
            LayoutKernels.reshaped(xCols, new long[] {perGroup, batch * inCount}))
        : NdArrays.contiguous(Nd4j.matmul(wt, xCols)); // [group, M/group * K, N * S]
    double[] cv = NdArrays.doubles(cols);
    int[] scatter = scatterTable(in, kernel, strides, dil, begin, out);
    double[] bias = b == null ? new double[maps] : NdArrays.doubles(b);
    double[] y = new double[batch * maps * outCount]; // [N, M, O]
    int colWidth = batch * inCount;
    for (int g = 0; g < groups; g++) {
      for (int m = 0; m < mapsPerGroup; m++) {
        int channel = g * mapsPerGroup + m;
        for (int t = 0; t < k; t++) {
          int row = ((g * mapsPerGroup + m) * k + t) * colWidth;
          for (int bn = 0; bn < batch; bn++) {
            int dst = (bn * maps + channel) * outCount;
            for (int s = 0; s < inCount; s++) {
              int at = scatter[s * k + t];
              if (at >= 0) {
                y[dst + at] += cv[row + bn * inCount + s];
              }
            }
          }
        }
      }
    }
    for (int bn = 0; bn < batch; bn++) {
      for (int m = 0; m < maps; m++) {
        for (int o = 0; o < outCount; o++) {
          y[(bn * maps + m) * outCount + o] += bias[m];
        }
      }
    }
    long[] outShape = new long[xs.length];
    outShape[0] = batch;
    outShape[1] = maps;
    System.arraycopy(out, 0, outShape, 2, d);
    return NdArrays.of(type, outShape, y);
  }

  /** For input position s and kernel tap t, the flat output position, or -1 outside it. */
  private static int[] scatterTable(long[] in, long[] kernel, long[] strides, long[] dil,
      long[] begin, long[] out) {
    int d = in.length;
    int k = NdArrays.count(kernel);
    int inCount = NdArrays.count(in);
    long[] outStrides = NdArrays.strides(out);
    int[] table = new int[inCount * k];
    long[] sc = new long[d];
    for (int s = 0; s < inCount; s++) {
      long[] kc = new long[d];
      for (int t = 0; t < k; t++) {
        long flat = 0;
        for (int i = 0; i < d && flat >= 0; i++) {
          long p = sc[i] * strides[i] + kc[i] * dil[i] - begin[i];
          flat = p < 0 || p >= out[i] ? -1 : flat + p * outStrides[i];
        }
        table[s * k + t] = (int) flat;
        ConvGeometry.increment(kc, kernel);
      }
      ConvGeometry.increment(sc, in);
    }
    return table;
  }
}
