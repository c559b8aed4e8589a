package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import java.util.Arrays;

/**
 * Conv's spatial arithmetic for one input and kernel size: begin pads (auto_pad resolved),
 * output dims and the im2col gather table, as the ND4J kernels' ConvGeometry computes them.
 */
final class HeapConvGeometry {
  final long[] in; // input spatial dims
  final long[] kernel; // kernel spatial dims
  final long[] out; // output spatial dims
  final int inCount;
  final int kernelCount;
  final int outCount;
  /** [kernelCount, outCount]: the flat input position each tap reads, -1 on padding */
  final int[] taps;
  /** true when the columns are the input itself (1x1 kernel, unit strides, no pads) */
  final boolean identity;

  /**
   * @param n the Conv node (auto_pad, pads, strides, dilations)
   * @param in the input's spatial dims
   * @param kernel the weights' spatial dims
   */
  HeapConvGeometry(Node n, long[] in, long[] kernel) {
    int d = in.length;
    this.in = in.clone();
    this.kernel = kernel.clone();
    long[] strides = ints(n, "strides", d, 1);
    long[] dilations = ints(n, "dilations", d, 1);
    long[] pads = n.attribute("pads").map(Attribute::asInts).orElse(new long[2 * d]);
    String autoPad = n.stringAttr("auto_pad", "NOTSET");
    if (strides.length != d || dilations.length != d || pads.length != 2 * d) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv attributes do not fit " + d
          + " spatial dims");
    }
    long[] begin = Arrays.copyOfRange(pads, 0, d);
    long[] end = Arrays.copyOfRange(pads, d, 2 * d);
    out = new long[d];
    boolean plain = true;
    for (int i = 0; i < d; i++) {
      long span = (kernel[i] - 1) * dilations[i] + 1;
      if (autoPad.startsWith("SAME")) {
        out[i] = (in[i] + strides[i] - 1) / strides[i];
        long total = Math.max(0, (out[i] - 1) * strides[i] + span - in[i]);
        begin[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
        end[i] = total - begin[i];
      } else {
        if (autoPad.equals("VALID")) {
          begin[i] = 0;
          end[i] = 0;
        }
        out[i] = Math.floorDiv(in[i] + begin[i] + end[i] - span, strides[i]) + 1;
      }
      if (out[i] < 0) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv kernel "
            + Arrays.toString(kernel) + " exceeds the padded input " + Arrays.toString(in));
      }
      plain &= kernel[i] == 1 && strides[i] == 1 && begin[i] == 0 && end[i] == 0;
    }
    inCount = Dense.count(in);
    kernelCount = Dense.count(kernel);
    outCount = Dense.count(out);
    identity = plain;
    taps = new int[kernelCount * outCount];
    long[] inStrides = new long[d];
    for (int i = d - 1, s = 1; i >= 0; s *= (int) in[i], i--) {
      inStrides[i] = s;
    }
    long[] oc = new long[d];
    for (int o = 0; o < outCount; o++) {
      long[] kc = new long[d];
      for (int t = 0; t < kernelCount; t++) {
        long flat = 0;
        for (int i = 0; i < d && flat >= 0; i++) {
          long p = oc[i] * strides[i] + kc[i] * dilations[i] - begin[i];
          flat = p < 0 || p >= in[i] ? -1 : flat + p * inStrides[i];
        }
        taps[t * outCount + o] = (int) flat;
        increment(kc, kernel);
      }
      increment(oc, out);
    }
  }

  /** @return true when this geometry was made for these dims */
  boolean fits(long[] xShape, long[] wShape) {
    int d = in.length;
    if (xShape.length != d + 2 || wShape.length != d + 2) {
      return false;
    }
    for (int i = 0; i < d; i++) {
      if (xShape[i + 2] != in[i] || wShape[i + 2] != kernel[i]) {
        return false;
      }
    }
    return true;
  }

  private static long[] ints(Node n, String name, int d, long fallback) {
    long[] v = n.attribute(name).map(Attribute::asInts).orElse(null);
    if (v == null) {
      v = new long[d];
      Arrays.fill(v, fallback);
    }
    return v;
  }

  private static void increment(long[] coord, long[] shape) {
    for (int i = coord.length - 1; i >= 0; i--) {
      if (++coord[i] < shape[i]) {
        return;
      }
      coord[i] = 0;
    }
  }
}
