package dev.rnnx.testdata.reference;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;

/**
 * Converts between {@link Tensor}s and nested {@code double} arrays, so that the reference
 * kernels can index {@code x[t][b][i]} exactly as the ONNX equations do. All arithmetic in the
 * kernels is done in double precision; results are rounded to the inputs' element type only at
 * the end.
 */
public final class NdArrays {
  private NdArrays() {}

  /**
   * @param t a tensor of rank 1
   * @return its values
   */
  public static double[] vector(Tensor t) {
    requireRank(t, 1);
    return t.toDoubleArray();
  }

  /**
   * @param t a tensor of rank 2
   * @return its values as {@code [rows][cols]}
   */
  public static double[][] matrix(Tensor t) {
    requireRank(t, 2);
    double[] flat = t.toDoubleArray();
    int rows = (int) t.dim(0);
    int cols = (int) t.dim(1);
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /**
   * @param t a tensor of rank 3
   * @return its values as {@code [d0][d1][d2]}
   */
  public static double[][][] array3(Tensor t) {
    requireRank(t, 3);
    double[] flat = t.toDoubleArray();
    int d0 = (int) t.dim(0);
    int d1 = (int) t.dim(1);
    int d2 = (int) t.dim(2);
    double[][][] out = new double[d0][d1][d2];
    for (int i = 0; i < d0; i++) {
      for (int j = 0; j < d1; j++) {
        System.arraycopy(flat, (i * d1 + j) * d2, out[i][j], 0, d2);
      }
    }
    return out;
  }

  /**
   * @param t a tensor of rank 4
   * @return its values as {@code [d0][d1][d2][d3]}
   */
  public static double[][][][] array4(Tensor t) {
    requireRank(t, 4);
    int d0 = (int) t.dim(0);
    double[][][][] out = new double[d0][][][];
    for (int i = 0; i < d0; i++) {
      out[i] = array3(t.slice0(i));
    }
    return out;
  }

  /**
   * @param type the element type of the result
   * @param v values
   * @return a rank-1 tensor
   */
  public static Tensor tensor(ElementType type, double[] v) {
    return Tensor.ofDoubles(type, v.clone(), v.length);
  }

  /**
   * @param type the element type of the result
   * @param v a rectangular {@code [d0][d1]} array
   * @return a rank-2 tensor
   */
  public static Tensor tensor(ElementType type, double[][] v) {
    int d1 = v.length == 0 ? 0 : v[0].length;
    double[] flat = new double[v.length * d1];
    for (int i = 0; i < v.length; i++) {
      requireLength(v[i], d1);
      System.arraycopy(v[i], 0, flat, i * d1, d1);
    }
    return Tensor.ofDoubles(type, flat, v.length, d1);
  }

  /**
   * @param type the element type of the result
   * @param v a rectangular {@code [d0][d1][d2]} array
   * @return a rank-3 tensor
   */
  public static Tensor tensor(ElementType type, double[][][] v) {
    return stack(type, Arrays.stream(v).map(m -> tensor(type, m)).toArray(Tensor[]::new),
        3);
  }

  /**
   * @param type the element type of the result
   * @param v a rectangular {@code [d0][d1][d2][d3]} array
   * @return a rank-4 tensor
   */
  public static Tensor tensor(ElementType type, double[][][][] v) {
    return stack(type, Arrays.stream(v).map(a -> tensor(type, a)).toArray(Tensor[]::new),
        4);
  }

  /**
   * @param type the element type of the result
   * @param v a rectangular {@code [d0][d1][d2][d3][d4]} array
   * @return a rank-5 tensor
   */
  public static Tensor tensor(ElementType type, double[][][][][] v) {
    return stack(type, Arrays.stream(v).map(a -> tensor(type, a)).toArray(Tensor[]::new),
        5);
  }

  /** Stacks parts along a new axis 0; with no parts, an all-zero shape of the given rank. */
  private static Tensor stack(ElementType type, Tensor[] parts, int rank) {
    if (parts.length == 0) {
      return Tensor.zeros(type, new long[rank]);
    }
    return Tensor.stack(Arrays.asList(parts));
  }

  private static void requireRank(Tensor t, int rank) {
    if (t.rank() != rank) {
      throw new IllegalArgumentException(
          "expected a tensor of rank " + rank + ", got " + Arrays.toString(t.shape()));
    }
  }

  private static void requireLength(double[] row, int length) {
    if (row.length != length) {
      throw new IllegalArgumentException("ragged array: rows of " + length + " and "
          + row.length);
    }
  }
}
