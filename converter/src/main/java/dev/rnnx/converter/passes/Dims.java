package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.ir.ValueType.TensorType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers for shapes as lists of {@link Dim}s, where null means an unknown rank. */
final class Dims {
  private Dims() {}

  /**
   * @param type element type, or null when unknown
   * @param dims the dims, or null when even the rank is unknown
   * @return the tensor type, or null when the element type is unknown
   */
  static TensorType tensor(ElementType type, List<Dim> dims) {
    return type == null ? null : ValueType.tensor(type, dims == null ? null : new Shape(dims));
  }

  /** @return the dims of a tensor type, or null when it or its rank is unknown */
  static List<Dim> of(TensorType t) {
    return t == null || t.shape() == null ? null : t.shape().dims();
  }

  /** @return {@code rank} unknown dims */
  static List<Dim> unknown(int rank) {
    return new ArrayList<>(Collections.nCopies(rank, Dim.UNKNOWN));
  }

  /** @return fixed dims of these sizes */
  static List<Dim> fixed(long... sizes) {
    return Shape.of(sizes).dims();
  }

  /**
   * The product of dims: fixed when all are; the one non-fixed dim when the others multiply to 1.
   *
   * @param dims the dims
   * @return their product, or {@link Dim#UNKNOWN}
   */
  static Dim product(List<Dim> dims) {
    long p = 1;
    Dim other = null;
    for (Dim d : dims) {
      if (d.isFixed()) {
        p *= d.sizeOrMinusOne();
      } else if (other == null) {
        other = d;
      } else {
        return Dim.UNKNOWN;
      }
    }
    if (other == null) {
      return Dim.of(p);
    }
    return p == 1 ? other : Dim.UNKNOWN;
  }

  /**
   * A normalized axis.
   *
   * @param axis an axis, negative counting from the end
   * @param rank the rank it refers to
   * @return the axis in [0, rank)
   * @throws IllegalArgumentException when it is out of range
   */
  static int axis(long axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
    }
    return (int) (axis < 0 ? axis + rank : axis);
  }

  /** @return {@code d * k}, unknown unless d is fixed */
  static Dim times(Dim d, long k) {
    return k == 1 ? d : d.isFixed() ? Dim.of(d.sizeOrMinusOne() * k) : Dim.UNKNOWN;
  }

  /**
   * @return {@code d / k}, unknown unless d is fixed
   * @throws IllegalArgumentException when a fixed d is not a multiple of k
   */
  static Dim dividedBy(Dim d, long k) {
    if (k == 1 || !d.isFixed()) {
      return k == 1 ? d : Dim.UNKNOWN;
    }
    if (k <= 0 || d.sizeOrMinusOne() % k != 0) {
      throw new IllegalArgumentException("dim " + d + " is not a multiple of " + k);
    }
    return Dim.of(d.sizeOrMinusOne() / k);
  }
}
