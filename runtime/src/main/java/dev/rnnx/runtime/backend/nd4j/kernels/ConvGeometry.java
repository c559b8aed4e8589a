package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;

/**
 * The spatial arithmetic shared by Conv and the pooling operators: kernel, strides,
 * dilations and begin/end pads per spatial axis (auto_pad resolved), and the output size.
 */
public final class ConvGeometry {
  final long[] in;
  final long[] kernel;
  final long[] strides;
  final long[] dilations;
  final long[] padBegin;
  final long[] padEnd;
  final long[] out;

  private ConvGeometry(long[] in, long[] kernel, long[] strides, long[] dilations,
      long[] padBegin, long[] padEnd, long[] out) {
    this.in = in;
    this.kernel = kernel;
    this.strides = strides;
    this.dilations = dilations;
    this.padBegin = padBegin;
    this.padEnd = padEnd;
    this.out = out;
  }

  /**
   * @param n the node (auto_pad, pads, strides, dilations; ceil_mode for pooling)
   * @param in the input's spatial dims
   * @param kernel the kernel's spatial dims
   * @return the geometry
   */
  public static ConvGeometry of(Node n, long[] in, long[] kernel) {
    int d = in.length;
    long[] strides = ints(n, "strides", d, 1);
    long[] dilations = ints(n, "dilations", d, 1);
    long[] pads = n.attribute("pads").map(a -> a.asInts()).orElse(new long[2 * d]);
    String autoPad = n.stringAttr("auto_pad", "NOTSET");
    boolean ceil = n.intAttr("ceil_mode", 0) == 1;
    long[] begin = Arrays.copyOfRange(pads, 0, d);
    long[] end = Arrays.copyOfRange(pads, d, 2 * d);
    long[] out = new long[d];
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
        long room = in[i] + begin[i] + end[i] - span;
        out[i] = (ceil ? Math.floorDiv(room + strides[i] - 1, strides[i])
            : Math.floorDiv(room, strides[i])) + 1;
        if (ceil && (out[i] - 1) * strides[i] >= in[i] + begin[i]) {
          out[i]--; // the last window must start inside the input or its left padding
        }
      }
    }
    return new ConvGeometry(in, kernel, strides, dilations, begin, end, out);
  }

  static long[] ints(Node n, String name, int d, long fallback) {
    long[] v = n.attribute(name).map(a -> a.asInts()).orElse(null);
    if (v == null) {
      v = new long[d];
      Arrays.fill(v, fallback);
    }
    return v;
  }

  /** @return the output's spatial dims */
  public long[] out() {
    return out.clone();
  }

  /** @return true when every output reads exactly its own input position (1x1, no pads) */
  public boolean isIdentity() {
    for (int i = 0; i < in.length; i++) {
      if (kernel[i] != 1 || strides[i] != 1 || padBegin[i] != 0 || padEnd[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** @return the kernel's element count */
  public int kernelSize() {
    return NdArrays.count(kernel);
  }

  /** @return the output's spatial element count */
  public int outSize() {
    return NdArrays.count(out);
  }

  /**
   * For each output position and kernel position (row-major, output-major), the flat input
   * position it reads, or -1 where it falls on padding.
   */
  public int[] taps() {
    int d = in.length;
    int outCount = outSize();
    int k = kernelSize();
    int[] taps = new int[outCount * k];
    long[] oc = new long[d];
    long[] inStrides = NdArrays.strides(in);
    for (int o = 0; o < outCount; o++) {
      long[] kc = new long[d];
      for (int t = 0; t < k; t++) {
        long flat = 0;
        for (int i = 0; i < d && flat >= 0; i++) {
          long p = oc[i] * strides[i] + kc[i] * dilations[i] - padBegin[i];
          flat = p < 0 || p >= in[i] ? -1 : flat + p * inStrides[i];
        }
        taps[o * k + t] = (int) flat;
        increment(kc, kernel);
      }
      increment(oc, out);
    }
    return taps;
  }

  static void increment(long[] coord, long[] shape) {
    for (int i = coord.length - 1; i >= 0; i--) {
      if (++coord[i] < shape[i]) {
        return;
      }
      coord[i] = 0;
    }
  }
}
