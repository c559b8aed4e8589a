package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * A split of a shape into kept and reduced axes, with the source index of every element in
 * kept-major order: output element {@code o} reduces the {@code reducedCount()} source
 * elements at {@code order()[o * reducedCount() + r]}.
 */
final class Axes {
  private final long[] keptShape;
  private final int reducedCount;
  private final int[] order;

  private Axes(long[] keptShape, int reducedCount, int[] order) {
    this.keptShape = keptShape;
    this.reducedCount = reducedCount;
    this.order = order;
  }

  /**
   * @param shape the input shape
   * @param reduced which axes are reduced
   * @return the split
   */
  static Axes of(long[] shape, boolean[] reduced) {
    long[] strides = NdArrays.strides(shape);
    List<Integer> perm = new ArrayList<>();
    List<Long> kept = new ArrayList<>();
    int count = 1;
    for (int k = 0; k < shape.length; k++) {
      if (!reduced[k]) {
        perm.add(k);
        kept.add(shape[k]);
      }
    }
    for (int k = 0; k < shape.length; k++) {
      if (reduced[k]) {
        perm.add(k);
        count *= (int) shape[k];
      }
    }
    long[] permShape = new long[shape.length];
    long[] permStrides = new long[shape.length];
    for (int k = 0; k < shape.length; k++) {
      permShape[k] = shape[perm.get(k)];
      permStrides[k] = strides[perm.get(k)];
    }
    return new Axes(kept.stream().mapToLong(Long::longValue).toArray(), count,
        Moves.affine(permShape, permStrides, 0));
  }

  /** @return the shape of the kept axes, in order */
  long[] keptShape() {
    return keptShape;
  }

  /** @return how many source elements each output element reduces */
  int reducedCount() {
    return reducedCount;
  }

  /** @return source indices, kept-major */
  int[] order() {
    return order;
  }

  /** @return the output count */
  int outputs() {
    return NdArrays.count(keptShape);
  }

  /** @return the output shape: reduced axes kept as 1 or dropped */
  static long[] reducedShape(long[] shape, boolean[] reduced, boolean keepDims) {
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < shape.length; k++) {
      if (!reduced[k]) {
        out.add(shape[k]);
      } else if (keepDims) {
        out.add(1L);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** @return a mask of the given axes (negative ones counted from the end) */
  static boolean[] mask(long[] axes, int rank) {
    boolean[] m = new boolean[rank];
    for (long a : axes) {
      m[NdArrays.axis(a, rank)] = true;
    }
    return m;
  }
}
