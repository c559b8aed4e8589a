package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gather and GatherElements: element moves whose source positions come from a tensor. */
final class IndexingKernels {
  private IndexingKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("Gather", 1, (n, c) -> (in, s) -> LayoutKernels.out(gather(in[0], in[1],
        n.intAttr("axis", 0))));
    r.add("GatherElements", 11, (n, c) -> (in, s) -> LayoutKernels.out(gatherElements(in[0],
        in[1], n.intAttr("axis", 0))));
  }

  /** out[outer, indices..., inner] = data[outer, indices[...], inner] */
  private static INDArray gather(INDArray data, INDArray indices, long axisAttr) {
    long[] s = data.shape();
    int axis = NdArrays.axis(axisAttr, s.length);
    return Moves.gather(data, ShapeMath.gatherShape(s, axis, indices.shape()),
        ShapeMath.gatherMap(s, axis, NdArrays.longs(indices)), null);
  }

  /** out[i][j][k] = data[index[i][j][k]][j][k] along axis 0, likewise for other axes */
  private static INDArray gatherElements(INDArray data, INDArray indices, long axisAttr) {
    long[] s = data.shape();
    int axis = NdArrays.axis(axisAttr, s.length);
    long[] idx = NdArrays.longs(indices);
    long[] is = indices.shape();
    long[] strides = NdArrays.strides(s);
    int[] map = new int[idx.length];
    long[] coord = new long[is.length];
    for (int i = 0; i < idx.length; i++) {
      long src = 0;
      for (int k = 0; k < is.length; k++) {
        src += (k == axis ? ShapeMath.index(idx[i], s[axis]) : coord[k]) * strides[k];
      }
      map[i] = (int) src;
      for (int k = is.length - 1; k >= 0; k--) {
        if (++coord[k] < is[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    return Moves.gather(data, is, map, null);
  }
}
