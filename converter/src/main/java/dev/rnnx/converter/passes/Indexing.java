package dev.rnnx.converter.passes;

import dev.rnnx.tensor.Tensor;

/** Row-major index arithmetic for the fold kernels. */
final class Indexing {
  private Indexing() {}

  /** @return the row-major strides of a shape, in elements */
  static long[] strides(long[] shape) {
    long[] s = new long[shape.length];
    long stride = 1;
    for (int k = shape.length - 1; k >= 0; k--) {
      s[k] = stride;
      stride *= shape[k];
    }
    return s;
  }

  /**
   * For each element of a broadcast result, the flat index of the element of one operand it
   * reads (numpy rules: operand dims align at the right; a dim of 1 repeats).
   *
   * @param operand the operand's shape
   * @param result the broadcast shape
   * @return the operand indices, in result order
   */
  static int[] broadcastIndex(long[] operand, long[] result) {
    int n = Math.toIntExact(Tensor.elementCount(result));
    int rank = result.length;
    long[] strides = strides(operand);
    long[] step = new long[rank]; // the operand stride along each result axis, 0 if repeated
    for (int k = 0; k < operand.length; k++) {
      int axis = rank - operand.length + k;
      step[axis] = operand[k] == 1 ? 0 : strides[k];
    }
    int[] index = new int[n];
    long[] counter = new long[rank];
    long offset = 0;
    for (int i = 0; i < n; i++) {
      index[i] = (int) offset;
      for (int k = rank - 1; k >= 0; k--) { // odometer increment
        counter[k]++;
        offset += step[k];
        if (counter[k] < result[k]) {
          break;
        }
        offset -= step[k] * counter[k];
        counter[k] = 0;
      }
    }
    return index;
  }
}
