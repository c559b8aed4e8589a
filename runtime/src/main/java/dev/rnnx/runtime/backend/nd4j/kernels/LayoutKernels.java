package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Operators that only move elements: reshapes (views where ND4J can make one), transposes,
 * concatenation and splitting, slicing, expanding, tiling, padding, and the block moves of
 * DepthToSpace/SpaceToDepth. Index work is plain Java over index maps; shape arguments are
 * read once per run with one bulk read.
 */
final class LayoutKernels {
  private LayoutKernels() {}

  static void registerAll(KernelRegistry r) {
    r.simple("Identity", 1, in -> in[0]);
    r.add("Dropout", 1, (n, c) -> (in, s) -> new INDArray[] {in[0], keepMask(in[0])});
    r.add("Reshape", 1, (n, c) -> (in, s) -> out(reshape(in[0],
        n.attribute("shape").orElseThrow().asInts(), false)));
    r.add("Reshape", 5, (n, c) -> (in, s) -> out(reshape(in[0], NdArrays.longs(in[1]),
        n.intAttr("allowzero", 0) == 1)));
    r.add("Flatten", 1, (n, c) -> (in, s) -> out(flatten(in[0], n.intAttr("axis", 1))));
    r.add("Squeeze", 1, (n, c) -> (in, s) -> out(squeeze(in[0],
        n.attribute("axes").map(a -> a.asInts()).orElse(null))));
    r.simple("Squeeze", 13, in -> squeeze(in[0], in.length > 1 && in[1] != null
        ? NdArrays.longs(in[1]) : null));
    r.add("Unsqueeze", 1, (n, c) -> (in, s) -> out(unsqueeze(in[0],
        n.attribute("axes").orElseThrow().asInts())));
    r.simple("Unsqueeze", 13, in -> unsqueeze(in[0], NdArrays.longs(in[1])));
    r.add("Transpose", 1, (n, c) -> (in, s) -> out(transpose(in[0],
        n.attribute("perm").map(a -> a.asInts()).orElse(null))));
    r.add("Concat", 1, (n, c) -> (in, s) -> out(concat(in, n.intAttr("axis", 1))));
    r.add("Split", 1, (n, c) -> (in, s) -> split(n, in[0], n.attribute("split")
        .map(a -> a.asInts()).orElse(in.length > 1 && in[1] != null ? NdArrays.longs(in[1])
            : null)));
    r.add("Split", 13, (n, c) -> (in, s) -> split(n, in[0], in.length > 1 && in[1] != null
        ? NdArrays.longs(in[1]) : null));
    r.add("Slice", 1, (n, c) -> (in, s) -> out(slice(in[0],
        n.attribute("starts").orElseThrow().asInts(), n.attribute("ends").orElseThrow().asInts(),
        n.attribute("axes").map(a -> a.asInts()).orElse(null), null)));
    r.simple("Slice", 10, in -> slice(in[0], NdArrays.longs(in[1]), NdArrays.longs(in[2]),
        in.length > 3 && in[3] != null ? NdArrays.longs(in[3]) : null,
        in.length > 4 && in[4] != null ? NdArrays.longs(in[4]) : null));
    r.simple("Expand", 8, in -> expand(in[0], NdArrays.longs(in[1])));
    r.simple("Tile", 6, in -> tile(in[0], NdArrays.longs(in[1])));
    r.add("DepthToSpace", 1, (n, c) -> (in, s) -> out(depthToSpace(in[0],
        n.intAttr("blocksize", 1), n.stringAttr("mode", "DCR"))));
    r.add("SpaceToDepth", 1, (n, c) -> (in, s) -> out(spaceToDepth(in[0],
        n.intAttr("blocksize", 1))));
    r.add("Trilu", 14, (n, c) -> (in, s) -> out(trilu(in[0], in.length > 1 && in[1] != null
        ? NdArrays.longs(in[1])[0] : 0, n.intAttr("upper", 1) == 1)));
    PadKernels.registerAll(r);
  }

  static INDArray[] out(INDArray a) {
    return new INDArray[] {a};
  }

  /** Inference Dropout passes the input through; its optional mask is all true. */
  private static INDArray keepMask(INDArray x) {
    boolean[] ones = new boolean[(int) x.length()];
    Arrays.fill(ones, true);
    return NdArrays.of(x.shape(), ones);
  }

  /** @return the array under another shape of the same element count */
  static INDArray reshaped(INDArray x, long[] shape) {
    if (NdArrays.count(shape) != x.length()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "cannot reshape "
          + Arrays.toString(x.shape()) + " to " + Arrays.toString(shape));
    }
    if (Arrays.equals(shape, x.shape())) {
      return x;
    }
    if (x.isEmpty() || shape.length == 0 || x.rank() == 0) {
      return NdArrays.fromBytes(x.dataType(), shape, NdArrays.bytes(x));
    }
    return x.reshape('c', shape);
  }

  /** Reshape: 0 copies the input's dim (unless allowzero), -1 takes what is left. */
  private static INDArray reshape(INDArray x, long[] target, boolean allowZero) {
    return reshaped(x, ShapeMath.reshape(x.shape(), target, allowZero));
  }

  private static INDArray flatten(INDArray x, long axis) {
    return reshaped(x, ShapeMath.flatten(x.shape(), axis));
  }

  private static INDArray squeeze(INDArray x, long[] axes) {
    return reshaped(x, ShapeMath.squeeze(x.shape(), axes));
  }

  private static INDArray unsqueeze(INDArray x, long[] axes) {
    return reshaped(x, ShapeMath.unsqueeze(x.shape(), axes));
  }

  /** @return a row-major copy with axes permuted (default: reversed) */
  static INDArray transpose(INDArray x, long[] perm) {
    ShapeMath.View v = ShapeMath.transpose(x.shape(), perm);
    return Moves.affineCopy(x, v.shape(), v.strides(), v.offset());
  }

  /** @return the parts joined along an axis (absent parts skipped) */
  static INDArray concat(INDArray[] parts, long axisAttr) {
    List<INDArray> present = new ArrayList<>();
    for (INDArray p : parts) {
      if (p != null) {
        present.add(p);
      }
    }
    INDArray first = present.get(0);
    int rank = first.rank();
    int axis = NdArrays.axis(axisAttr, rank);
    long[] shape = first.shape().clone();
    shape[axis] = present.stream().mapToLong(p -> p.shape()[axis]).sum();
    int size = first.data() == null ? 1 : first.data().getElementSize();
    long outer = NdArrays.count(Arrays.copyOfRange(shape, 0, axis));
    long inner = NdArrays.count(Arrays.copyOfRange(shape, axis + 1, rank)) * size;
    byte[] out = new byte[NdArrays.count(shape) * size];
    int offset = 0;
    List<byte[]> data = present.stream().map(NdArrays::bytes).toList();
    for (long o = 0; o < outer; o++) {
      for (int i = 0; i < present.size(); i++) {
        int chunk = (int) (present.get(i).shape()[axis] * inner);
        System.arraycopy(data.get(i), (int) (o * chunk), out, offset, chunk);
        offset += chunk;
      }
    }
    return NdArrays.fromBytes(first.dataType(), shape, out);
  }

  private static INDArray[] split(Node n, INDArray x, long[] sizes) {
    long[] shape = x.shape();
    int axis = NdArrays.axis(n.intAttr("axis", 0), shape.length);
    long[] lengths = ShapeMath.splitLengths(shape[axis], n.outputs().size(), sizes);
    INDArray[] out = new INDArray[lengths.length];
    long start = 0;
    for (int i = 0; i < lengths.length; i++) {
      out[i] = slice(x, new long[] {start}, new long[] {start + lengths[i]}, new long[] {axis},
          null);
      start += lengths[i];
    }
    return out;
  }

  /** Slice with numpy clamping of starts and ends; negative steps walk backwards. */
  static INDArray slice(INDArray x, long[] starts, long[] ends, long[] axesOrNull,
      long[] stepsOrNull) {
    ShapeMath.View v = ShapeMath.slice(x.shape(), starts, ends, axesOrNull, stepsOrNull);
    return Moves.affineCopy(x, v.shape(), v.strides(), v.offset());
  }

  private static INDArray expand(INDArray x, long[] target) {
    long[] shape = Broadcast.shape(x.shape(), target);
    return Moves.affineCopy(x, shape, Moves.broadcastStrides(x.shape(), shape), 0);
  }

  private static INDArray tile(INDArray x, long[] repeats) {
    long[] s = x.shape();
    long[] outShape = new long[s.length];
    for (int k = 0; k < s.length; k++) {
      outShape[k] = s[k] * repeats[k];
    }
    long[] inStrides = NdArrays.strides(s);
    int[] map = new int[NdArrays.count(outShape)];
    long[] coord = new long[s.length];
    for (int i = 0; i < map.length; i++) {
      long src = 0;
      for (int k = 0; k < s.length; k++) {
        src += (coord[k] % s[k]) * inStrides[k];
      }
      map[i] = (int) src;
      for (int k = s.length - 1; k >= 0; k--) {
        if (++coord[k] < outShape[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    return Moves.gather(x, outShape, map, null);
  }

  /** DepthToSpace as a 6-D transpose: DCR splits depth blocksize-major, CRD channel-major. */
  private static INDArray depthToSpace(INDArray x, long b, String mode) {
    long[] s = x.shape(); // [N, C, H, W]
    long c = s[1] / (b * b);
    INDArray moved;
    if (mode.equals("DCR")) {
      moved = transpose(reshaped(x, new long[] {s[0], b, b, c, s[2], s[3]}),
          new long[] {0, 3, 4, 1, 5, 2});
    } else {
      moved = transpose(reshaped(x, new long[] {s[0], c, b, b, s[2], s[3]}),
          new long[] {0, 1, 4, 2, 5, 3});
    }
    return reshaped(moved, new long[] {s[0], c, s[2] * b, s[3] * b});
  }

  private static INDArray spaceToDepth(INDArray x, long b) {
    long[] s = x.shape(); // [N, C, H, W]
    INDArray moved = transpose(reshaped(x, new long[] {s[0], s[1], s[2] / b, b, s[3] / b, b}),
        new long[] {0, 3, 5, 1, 2, 4});
    return reshaped(moved, new long[] {s[0], s[1] * b * b, s[2] / b, s[3] / b});
  }

  /** Trilu: keeps elements on and above (upper) or below the k-th diagonal of each matrix. */
  private static INDArray trilu(INDArray x, long k, boolean upper) {
    long[] s = x.shape();
    int rows = (int) s[s.length - 2];
    int cols = (int) s[s.length - 1];
    int[] map = new int[(int) x.length()];
    for (int i = 0; i < map.length; i++) {
      int row = (i / cols) % rows;
      int col = i % cols;
      boolean keep = upper ? col - row >= k : col - row <= k;
      map[i] = keep ? i : -1;
    }
    return Moves.gather(x, s, map, null);
  }
}
