package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** MaxPool (with its optional Indices), AveragePool and the global poolings, in plain Java. */
final class PoolingKernels {
  private PoolingKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("MaxPool", 1, (n, c) -> (in, s) -> maxPool(n, in[0]));
    r.add("AveragePool", 1, (n, c) -> (in, s) -> LayoutKernels.out(averagePool(n, in[0])));
    r.simple("GlobalAveragePool", 1, in -> global(in[0], false));
    r.simple("GlobalMaxPool", 1, in -> global(in[0], true));
  }

  private static ConvGeometry geometry(Node n, long[] xs) {
    long[] kernel = n.attribute("kernel_shape").orElseThrow().asInts();
    return ConvGeometry.of(n, Arrays.copyOfRange(xs, 2, xs.length), kernel);
  }

  private static long[] outShape(long[] xs, ConvGeometry geo) {
    long[] out = new long[xs.length];
    out[0] = xs[0];
    out[1] = xs[1];
    System.arraycopy(geo.out, 0, out, 2, geo.out.length);
    return out;
  }

  /** Y = the largest element of each window; Indices = its flat index in X. */
  private static INDArray[] maxPool(Node n, INDArray x) {
    long[] xs = x.shape();
    ConvGeometry geo = geometry(n, xs);
    boolean columnMajor = n.intAttr("storage_order", 0) == 1;
    int planes = (int) (xs[0] * xs[1]);
    int inCount = NdArrays.count(geo.in);
    int outCount = geo.outSize();
    int k = geo.kernelSize();
    int[] taps = geo.taps();
    int[] columnIndex = columnMajor ? columnMajorIndex(geo.in) : null;
    double[] v = NdArrays.doubles(x);
    double[] y = new double[planes * outCount];
    long[] idx = new long[y.length];
    for (int p = 0; p < planes; p++) {
      for (int o = 0; o < outCount; o++) {
        double best = Double.NEGATIVE_INFINITY;
        int at = -1;
        for (int t = 0; t < k; t++) {
          int tap = taps[o * k + t];
          if (tap >= 0 && (at < 0 || v[p * inCount + tap] > best)) {
            best = v[p * inCount + tap];
            at = tap;
          }
        }
        y[p * outCount + o] = best;
        idx[p * outCount + o] = (long) p * inCount
            + (at < 0 ? 0 : columnMajor ? columnIndex[at] : at);
      }
    }
    long[] shape = outShape(xs, geo);
    return new INDArray[] {NdArrays.of(x.dataType(), shape, y),
        NdArrays.of(DataType.LONG, shape, idx)};
  }

  private static int[] columnMajorIndex(long[] in) {
    int count = NdArrays.count(in);
    int[] out = new int[count];
    long[] coord = new long[in.length];
    for (int i = 0; i < count; i++) {
      long flat = 0;
      long stride = 1;
      for (int d = 0; d < in.length; d++) {
        flat += coord[d] * stride;
        stride *= in[d];
      }
      out[i] = (int) flat;
      ConvGeometry.increment(coord, in);
    }
    return out;
  }

  /**
   * Y = the mean of each window: over the elements inside X, or with count_include_pad over
   * every window position inside the padded input (never past its end padding).
   */
  private static INDArray averagePool(Node n, INDArray x) {
    long[] xs = x.shape();
    ConvGeometry geo = geometry(n, xs);
    boolean includePad = n.intAttr("count_include_pad", 0) == 1;
    int d = geo.in.length;
    int planes = (int) (xs[0] * xs[1]);
    int inCount = NdArrays.count(geo.in);
    int outCount = geo.outSize();
    int k = geo.kernelSize();
    int[] taps = geo.taps();
    int[] padded = new int[outCount]; // window positions inside the padded input
    long[] oc = new long[d];
    for (int o = 0; o < outCount; o++) {
      long[] kc = new long[d];
      for (int t = 0; t < k; t++) {
        boolean inside = true;
        for (int i = 0; i < d; i++) {
          long p = oc[i] * geo.strides[i] + kc[i] * geo.dilations[i] - geo.padBegin[i];
          inside &= p >= -geo.padBegin[i] && p < geo.in[i] + geo.padEnd[i];
        }
        padded[o] += inside ? 1 : 0;
        ConvGeometry.increment(kc, geo.kernel);
      }
      ConvGeometry.increment(oc, geo.out);
    }
    double[] v = NdArrays.doubles(x);
    double[] y = new double[planes * outCount];
    for (int p = 0; p < planes; p++) {
      for (int o = 0; o < outCount; o++) {
        double sum = 0;
        int count = 0;
        for (int t = 0; t < k; t++) {
          int tap = taps[o * k + t];
          if (tap >= 0) {
            sum += v[p * inCount + tap];
            count++;
          }
        }
        y[p * outCount + o] = sum / (includePad ? padded[o] : count);
      }
    }
    return NdArrays.of(x.dataType(), outShape(xs, geo), y);
  }

  private static INDArray global(INDArray x, boolean max) {
    long[] xs = x.shape();
    int planes = (int) (xs[0] * xs[1]);
    int inner = NdArrays.count(Arrays.copyOfRange(xs, 2, xs.length));
    double[] v = NdArrays.doubles(x);
    double[] y = new double[planes];
    for (int p = 0; p < planes; p++) {
      double acc = max ? Double.NEGATIVE_INFINITY : 0;
      for (int i = 0; i < inner; i++) {
        acc = max ? Math.max(acc, v[p * inner + i]) : acc + v[p * inner + i];
      }
      y[p] = max ? acc : acc / inner;
    }
    long[] shape = xs.clone();
    Arrays.fill(shape, 2, shape.length, 1);
    return NdArrays.of(x.dataType(), shape, y);
  }
}
