package dev.rnnx.converter.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The shape of a tensor value: a list of dims of known rank. Unknown rank is a null Shape. */
public record Shape(List<Dim> dims) {
  /** @param dims the dims, copied */
  public Shape {
    dims = List.copyOf(dims);
  }

  /**
   * @param sizes fixed sizes
   * @return a fully known shape
   */
  public static Shape of(long... sizes) {
    List<Dim> dims = new ArrayList<>();
    for (long s : sizes) {
      dims.add(Dim.of(s));
    }
    return new Shape(dims);
  }

  /**
   * @param dims dims
   * @return the shape
   */
  public static Shape of(Dim... dims) {
    return new Shape(Arrays.asList(dims));
  }

  /** @return the number of dims */
  public int rank() {
    return dims.size();
  }

  /**
   * @param axis index (negative counts from the end)
   * @return that dim
   */
  public Dim dim(int axis) {
    return dims.get(axis < 0 ? axis + dims.size() : axis);
  }

  /** @return true when every dim is fixed */
  public boolean isFullyKnown() {
    return dims.stream().allMatch(Dim::isFixed);
  }

  /** @return the fixed sizes, -1 where a dim is not fixed */
  public long[] sizes() {
    return dims.stream().mapToLong(Dim::sizeOrMinusOne).toArray();
  }

  @Override
  public String toString() {
    return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
