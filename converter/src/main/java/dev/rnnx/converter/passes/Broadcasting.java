package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX multidirectional (numpy) broadcasting, of symbolic shapes and of fixed ones. */
final class Broadcasting {
  private Broadcasting() {}

  /**
   * The broadcast of symbolic shapes: aligned at the right, a dim of 1 takes the other's size.
   *
   * @param shapes the shapes, none null
   * @return the result shape
   * @throws IllegalArgumentException when two fixed dims differ and neither is 1
   */
  static List<Dim> dims(List<List<Dim>> shapes) {
    int rank = shapes.stream().mapToInt(List::size).max().orElse(0);
    List<Dim> out = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      Dim result = null;
      for (List<Dim> s : shapes) {
        int i = k - (rank - s.size());
        if (i >= 0) {
          result = result == null ? s.get(i) : dim(result, s.get(i), shapes);
        }
      }
      out.add(result);
    }
    return out;
  }

  private static Dim dim(Dim a, Dim b, List<List<Dim>> shapes) {
    if (a.equals(b) || isOne(b)) {
      return a;
    }
    if (isOne(a)) {
      return b;
    }
    if (a.isFixed() && b.isFixed()) {
      throw new IllegalArgumentException("cannot broadcast shapes " + shapes);
    }
    // A fixed size other than 1 is what the other dim must be (or broadcast to).
    return a.isFixed() ? a : b.isFixed() ? b : Dim.UNKNOWN;
  }

  private static boolean isOne(Dim d) {
    return d.sizeOrMinusOne() == 1;
  }

  /**
   * The broadcast of fixed shapes.
   *
   * @param shapes the shapes
   * @return the result shape
   * @throws IllegalArgumentException when two dims differ and neither is 1
   */
  static long[] sizes(long[]... shapes) {
    int rank = Arrays.stream(shapes).mapToInt(s -> s.length).max().orElse(0);
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (long[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int k = rank - s.length + i;
        if (s[i] != out[k]) {
          if (out[k] != 1 && s[i] != 1) {
            throw new IllegalArgumentException("cannot broadcast shapes "
                + Arrays.stream(shapes).map(Arrays::toString).toList());
          }
          out[k] = out[k] == 1 ? s[i] : out[k];
        }
      }
    }
    return out;
  }
}
