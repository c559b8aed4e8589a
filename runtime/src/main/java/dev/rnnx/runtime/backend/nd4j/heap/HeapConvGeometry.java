package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.ConvGeometry;
import java.util.Arrays;

/**
 * Conv's spatial arithmetic for one input and kernel size ({@link ConvGeometry}, shared with
 * the ND4J kernels), with the im2col gather table laid out kernel-major for the heap Conv.
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
    for (String attribute : new String[] {"strides", "dilations", "pads"}) {
      long expected = attribute.equals("pads") ? 2L * d : d;
      n.attribute(attribute).map(a -> a.asInts().length).filter(l -> l != expected)
          .ifPresent(l -> {
            throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv " + attribute + " has "
                + l + " values, expected " + expected + " for " + d + " spatial dims");
          });
    }
    ConvGeometry g = ConvGeometry.of(n, in, kernel);
    this.in = in.clone();
    this.kernel = kernel.clone();
    this.out = g.out();
    for (long o : out) {
      if (o < 0) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv kernel "
            + Arrays.toString(kernel) + " exceeds the padded input " + Arrays.toString(in));
      }
    }
    inCount = Dense.count(in);
    kernelCount = g.kernelSize();
    outCount = g.outSize();
    identity = g.isIdentity();
    int[] outputMajor = g.taps(); // [outCount, kernelCount]
    taps = new int[kernelCount * outCount];
    for (int o = 0; o < outCount; o++) {
      for (int t = 0; t < kernelCount; t++) {
        taps[t * outCount + o] = outputMajor[o * kernelCount + t];
      }
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
}
