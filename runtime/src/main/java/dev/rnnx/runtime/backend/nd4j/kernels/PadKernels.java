package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pad in every mode (constant, reflect, edge, wrap); negative pads crop. */
final class PadKernels {
  private PadKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("Pad", 2, (n, c) -> (in, s) -> LayoutKernels.out(pad(in[0],
        n.attribute("pads").orElseThrow().asInts(), null, n.stringAttr("mode", "constant"),
        NdArrays.of(in[0].dataType(), new long[0], new double[] {n.floatAttr("value", 0f)}))));
    r.add("Pad", 11, (n, c) -> (in, s) -> LayoutKernels.out(pad(in[0], NdArrays.longs(in[1]),
        in.length > 3 && in[3] != null ? NdArrays.longs(in[3]) : null,
        n.stringAttr("mode", "constant"), in.length > 2 ? in[2] : null)));
  }

  /**
   * @param pads begins then ends, one pair per padded axis
   * @param axes the padded axes (all when null)
   * @param fill a one-element constant for mode constant, zero when null
   */
  static INDArray pad(INDArray x, long[] pads, long[] axes, String mode, INDArray fill) {
    long[] s = x.shape();
    int rank = s.length;
    long[] begin = new long[rank];
    long[] end = new long[rank];
    int n = axes == null ? rank : axes.length;
    for (int i = 0; i < n; i++) {
      int a = axes == null ? i : NdArrays.axis(axes[i], rank);
      begin[a] = pads[i];
      end[a] = pads[i + n];
    }
    long[] outShape = new long[rank];
    for (int k = 0; k < rank; k++) {
      outShape[k] = s[k] + begin[k] + end[k];
    }
    long[] strides = NdArrays.strides(s);
    int[] map = new int[NdArrays.count(outShape)];
    long[] coord = new long[rank];
    for (int i = 0; i < map.length; i++) {
      long src = 0;
      for (int k = 0; k < rank && src >= 0; k++) {
        long j = ShapeMath.padSource(coord[k] - begin[k], s[k], mode);
        src = j < 0 ? -1 : src + j * strides[k];
      }
      map[i] = (int) src;
      for (int k = rank - 1; k >= 0; k--) {
        if (++coord[k] < outShape[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    return Moves.gather(x, outShape, map, fill);
  }

}
