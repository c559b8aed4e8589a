package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Tensor;

/**
 * Converts recurrent weights from the layouts PyTorch and Keras keep them in to ONNX's, as their
 * ONNX exporters do. ONNX stacks gate blocks of {@code hidden} rows in the order i, o, f, c
 * (LSTM) and z, r, h (GRU), each row a gate unit's weights over the inputs.
 *
 * <ul>
 *   <li>PyTorch {@code weight_ih_l0} {@code [4H, I]}: gates i, f, g, o; GRU r, z, n.
 *   <li>Keras {@code kernel} {@code [I, 4H]} and {@code recurrent_kernel} {@code [H, 4H]}: columns
 *       per gate i, f, c, o; GRU z, r, h. Transposed relative to ONNX.
 * </ul>
 */
final class GateOrder {
  /** ONNX LSTM block k comes from PyTorch block LSTM_FROM_TORCH[k]: i, o, f, c from i, f, g, o. */
  static final int[] LSTM_FROM_TORCH = {0, 3, 1, 2};
  /** ONNX GRU block k comes from PyTorch block GRU_FROM_TORCH[k]: z, r, h from r, z, n. */
  static final int[] GRU_FROM_TORCH = {1, 0, 2};
  /** ONNX LSTM blocks from Keras's i, f, c, o. */
  static final int[] LSTM_FROM_KERAS = {0, 3, 1, 2};
  /** ONNX GRU blocks from Keras's z, r, h: the same order. */
  static final int[] GRU_FROM_KERAS = {0, 1, 2};

  private GateOrder() {}

  /**
   * Reorders the gate blocks along axis 0 of a {@code [gates*H, ...]} matrix or vector.
   *
   * @param t rows grouped into {@code order.length} blocks
   * @param order the source block of each target block
   * @return the reordered tensor, same shape
   */
  static Tensor reorderRows(Tensor t, int[] order) {
    double[] v = t.toDoubleArray();
    int blockSize = v.length / order.length;
    double[] out = new double[v.length];
    for (int k = 0; k < order.length; k++) {
      System.arraycopy(v, order[k] * blockSize, out, k * blockSize, blockSize);
    }
    return Tensor.ofDoubles(t.type(), out, t.shape());
  }

  /**
   * @param t a {@code [rows, cols]} matrix
   * @return its transpose
   */
  static Tensor transpose(Tensor t) {
    int rows = (int) t.dim(0);
    int cols = (int) t.dim(1);
    double[] v = t.toDoubleArray();
    double[] out = new double[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = v[r * cols + c];
      }
    }
    return Tensor.ofDoubles(t.type(), out, cols, rows);
  }

  /**
   * Adds a leading {@code num_directions} axis of 1.
   *
   * @param t any tensor
   * @return {@code [1, ...t.shape]}
   */
  static Tensor oneDirection(Tensor t) {
    long[] shape = new long[t.rank() + 1];
    shape[0] = 1;
    System.arraycopy(t.shape(), 0, shape, 1, t.rank());
    return t.reshape(shape);
  }

  /**
   * Concatenates tensors of equal trailing shape along axis 0.
   *
   * @param parts the tensors
   * @return the concatenation
   */
  static Tensor concat0(Tensor... parts) {
    int total = 0;
    for (Tensor p : parts) {
      total += p.size();
    }
    double[] out = new double[total];
    int at = 0;
    long rows = 0;
    for (Tensor p : parts) {
      System.arraycopy(p.toDoubleArray(), 0, out, at, p.size());
      at += p.size();
      rows += p.dim(0);
    }
    long[] shape = parts[0].shape().clone();
    shape[0] = rows;
    return Tensor.ofDoubles(parts[0].type(), out, shape);
  }
}
