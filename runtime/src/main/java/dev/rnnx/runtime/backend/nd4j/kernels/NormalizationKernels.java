package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Softmax, LogSoftmax, BatchNormalization and LayerNormalization, in plain Java passes. */
final class NormalizationKernels {
  private NormalizationKernels() {}

  static void registerAll(KernelRegistry r) {
    for (boolean log : new boolean[] {false, true}) {
      String op = log ? "LogSoftmax" : "Softmax";
      // before 13: the input is coerced to 2-D at axis (default 1), normalized per row
      r.add(op, 1, (n, c) -> (in, s) -> LayoutKernels.out(softmax(in[0],
          coercedAxes(in[0].rank(), n.intAttr("axis", 1)), log)));
      r.add(op, 13, (n, c) -> (in, s) -> LayoutKernels.out(softmax(in[0],
          Axes.mask(new long[] {n.intAttr("axis", -1)}, in[0].rank()), log)));
    }
    r.add("BatchNormalization", 1, (n, c) -> (in, s) -> batchNorm(n, in));
    r.add("LayerNormalization", 17, (n, c) -> (in, s) -> layerNorm(n, in));
  }

  private static boolean[] coercedAxes(int rank, long axis) {
    boolean[] m = new boolean[rank];
    for (int k = NdArrays.axis(axis, rank); k < rank; k++) {
      m[k] = true;
    }
    return m;
  }

  private static INDArray softmax(INDArray x, boolean[] axes, boolean log) {
    Axes split = Axes.of(x.shape(), axes);
    double[] v = NdArrays.doubles(x);
    double[] out = new double[v.length];
    int n = split.reducedCount();
    int[] order = split.order();
    for (int o = 0; o < split.outputs(); o++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, v[order[o * n + i]]);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(v[order[o * n + i]] - max);
      }
      for (int i = 0; i < n; i++) {
        int at = order[o * n + i];
        out[at] = log ? v[at] - max - Math.log(sum) : Math.exp(v[at] - max) / sum;
      }
    }
    return NdArrays.of(x.dataType(), x.shape(), out);
  }

  /**
   * BatchNormalization: Y = scale * (X - mean) / sqrt(var + epsilon) + B per channel (axis
   * 1). In training mode (opset 14+) the batch's own statistics normalize, and the running
   * ones are updated with momentum.
   */
  private static INDArray[] batchNorm(Node n, INDArray[] in) {
    INDArray x = in[0];
    long[] s = x.shape(); // [N, C, D1, ...]
    int channels = (int) (s.length > 1 ? s[1] : 1);
    int inner = NdArrays.count(Arrays.copyOfRange(s, Math.min(2, s.length), s.length));
    int batch = (int) s[0];
    double eps = n.floatAttr("epsilon", 1e-5f);
    double momentum = n.floatAttr("momentum", 0.9f);
    boolean training = n.intAttr("training_mode", 0) == 1;
    double[] v = NdArrays.doubles(x);
    double[] scale = NdArrays.doubles(in[1]);
    double[] bias = NdArrays.doubles(in[2]);
    double[] mean = NdArrays.doubles(in[3]);
    double[] var = NdArrays.doubles(in[4]);
    double[] useMean = mean;
    double[] useVar = var;
    if (training) {
      useMean = new double[channels];
      useVar = new double[channels];
      for (int ch = 0; ch < channels; ch++) {
        double sum = 0;
        double sq = 0;
        for (int b = 0; b < batch; b++) {
          for (int i = 0; i < inner; i++) {
            double e = v[(b * channels + ch) * inner + i];
            sum += e;
            sq += e * e;
          }
        }
        int count = batch * inner;
        useMean[ch] = sum / count;
        useVar[ch] = sq / count - useMean[ch] * useMean[ch];
      }
    }
    double[] out = new double[v.length];
    for (int b = 0; b < batch; b++) {
      for (int ch = 0; ch < channels; ch++) {
        double k = scale[ch] / Math.sqrt(useVar[ch] + eps);
        for (int i = 0; i < inner; i++) {
          int at = (b * channels + ch) * inner + i;
          out[at] = (v[at] - useMean[ch]) * k + bias[ch];
        }
      }
    }
    INDArray y = NdArrays.of(x.dataType(), s, out);
    if (!training) {
      return new INDArray[] {y, null, null};
    }
    double[] runMean = new double[channels];
    double[] runVar = new double[channels];
    for (int ch = 0; ch < channels; ch++) {
      runMean[ch] = mean[ch] * momentum + useMean[ch] * (1 - momentum);
      runVar[ch] = var[ch] * momentum + useVar[ch] * (1 - momentum);
    }
    long[] cs = {channels};
    return new INDArray[] {y, NdArrays.of(in[3].dataType(), cs, runMean),
        NdArrays.of(in[4].dataType(), cs, runVar)};
  }

  /**
   * LayerNormalization over the axes from {@code axis} on: Y = (X - mean) * invStdDev * Scale
   * + B, with Mean and InvStdDev (keeping the reduced axes as 1) as optional outputs.
   */
  private static INDArray[] layerNorm(Node n, INDArray[] in) {
    INDArray x = in[0];
    long[] s = x.shape();
    int axis = NdArrays.axis(n.intAttr("axis", -1), s.length);
    double eps = n.floatAttr("epsilon", 1e-5f);
    int outer = NdArrays.count(Arrays.copyOfRange(s, 0, axis));
    int inner = NdArrays.count(Arrays.copyOfRange(s, axis, s.length));
    double[] v = NdArrays.doubles(x);
    long[] normShape = Arrays.copyOfRange(s, axis, s.length);
    double[] scale = expandTo(in[1], normShape);
    double[] bias = in.length > 2 && in[2] != null ? expandTo(in[2], normShape) : null;
    double[] out = new double[v.length];
    double[] means = new double[outer];
    double[] inv = new double[outer];
    for (int o = 0; o < outer; o++) {
      double sum = 0;
      for (int i = 0; i < inner; i++) {
        sum += v[o * inner + i];
      }
      double mean = sum / inner;
      double sq = 0;
      for (int i = 0; i < inner; i++) {
        double d = v[o * inner + i] - mean;
        sq += d * d;
      }
      double invStd = 1 / Math.sqrt(sq / inner + eps);
      means[o] = mean;
      inv[o] = invStd;
      for (int i = 0; i < inner; i++) {
        int at = o * inner + i;
        out[at] = (v[at] - mean) * invStd * scale[i] + (bias == null ? 0 : bias[i]);
      }
    }
    long[] statShape = s.clone();
    for (int k = axis; k < s.length; k++) {
      statShape[k] = 1;
    }
    DataType stash = n.intAttr("stash_type", 1) == 1 ? DataType.FLOAT : x.dataType();
    return new INDArray[] {NdArrays.of(x.dataType(), s, out),
        NdArrays.of(stash, statShape, means), NdArrays.of(stash, statShape, inv)};
  }

  private static double[] expandTo(INDArray a, long[] shape) {
    double[] v = NdArrays.doubles(a);
    int[] map = Broadcast.map(a.shape(), shape);
    double[] out = new double[map.length];
    for (int i = 0; i < map.length; i++) {
      out[i] = v[map[i]];
    }
    return out;
  }
}
