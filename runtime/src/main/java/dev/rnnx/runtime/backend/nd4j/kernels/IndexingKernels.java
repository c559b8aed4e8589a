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

  private static long index(long i, long dim) {
    long j = i < 0 ? i + dim : i;
    if (j < 0 || j >= dim) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "index " + i
          + " is out of range for a dimension of " + dim);
    }
    return j;
  }

  /** out[outer, indices..., inner] = data[outer, indices[...], inner] */
  private static INDArray gather(INDArray data, INDArray indices, long axisAttr) {
    long[] s = data.shape();
    int axis = NdArrays.axis(axisAttr, s.length);
    long[] idx = NdArrays.longs(indices);
    long[] is = indices.shape();
    long outer = NdArrays.count(Arrays.copyOfRange(s, 0, axis));
    long inner = NdArrays.count(Arrays.copyOfRange(s, axis + 1, s.length));
    long[] outShape = new long[s.length - 1 + is.length];
    System.arraycopy(s, 0, outShape, 0, axis);
    System.arraycopy(is, 0, outShape, axis, is.length);
    System.arraycopy(s, axis + 1, outShape, axis + is.length, s.length - axis - 1);
    int[] map = new int[NdArrays.count(outShape)];
    int at = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : idx) {
        long base = (o * s[axis] + index(i, s[axis])) * inner;
        for (long j = 0; j < inner; j++) {
          map[at++] = (int) (base + j);
        }
      }
    }
    return Moves.gather(data, outShape, map, null);
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
        src += (k == axis ? index(idx[i], s[axis]) : coord[k]) * strides[k];
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
