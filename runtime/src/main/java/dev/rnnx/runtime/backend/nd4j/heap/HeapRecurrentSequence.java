package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.Arrays;

/**
 * The inputs of one recurrent run, sequence-major whatever the node's layout: X, the sequence
 * length of each batch entry, the time index each entry is at on each step of a direction, and
 * the initial states; and the outputs put back in the node's layout.
 */
final class HeapRecurrentSequence {
  static final int X = 0;
  static final int SEQUENCE_LENS = 4;

  final HeapRecurrentNode node;
  final int seq;
  final int batch;
  final int input;
  final float[] x; // [seq * batch, input]
  private final int[] lens; // [batch]

  HeapRecurrentSequence(Dense[] in, HeapRecurrentNode node) {
    this.node = node;
    Dense x0 = in[X];
    if (x0.rank() != 3 || !x0.isFloat()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "X must be a float tensor of rank 3, "
          + "not " + x0);
    }
    int a = (int) x0.shape[0];
    int b = (int) x0.shape[1];
    this.input = (int) x0.shape[2];
    this.seq = node.batchMajor ? b : a;
    this.batch = node.batchMajor ? a : b;
    this.x = node.batchMajor ? swap(x0.f, a, b, input) : x0.f;
    this.lens = new int[batch];
    Dense given = in.length > SEQUENCE_LENS ? in[SEQUENCE_LENS] : null;
    if (given == null) {
      Arrays.fill(lens, seq);
    } else {
      if (given.size() != batch) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "sequence_lens " + given
            + " for batch " + batch);
      }
      for (int i = 0; i < batch; i++) {
        long v = (long) given.get(i);
        if (v < 0 || v > seq) {
          throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "sequence_lens[" + i + "] = " + v
              + " outside [0, " + seq + "]");
        }
        lens[i] = (int) v;
      }
    }
  }

  /** @return the time index entry b is at on step s of direction d, or -1 once it has ended */
  int time(int d, int b, int s) {
    if (s >= lens[b]) {
      return -1;
    }
    return node.reverse(d) ? lens[b] - 1 - s : s;
  }

  /**
   * @param in the node's inputs
   * @param index the state input's position
   * @param hidden the hidden size
   * @return the initial state [dirs, batch, hidden] (a new array), zeros when absent
   */
  float[] initial(Dense[] in, int index, int hidden) {
    int n = node.dirs * batch * hidden;
    Dense s = in.length > index ? in[index] : null;
    if (s == null) {
      return new float[n];
    }
    if (!s.isFloat() || s.size() != n) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "initial state " + s + " is not "
          + node.dirs + " x " + batch + " x " + hidden);
    }
    return node.batchMajor ? swap(s.f, batch, node.dirs, hidden) : s.f.clone();
  }

  /** @return Y from [seq, dirs, batch, hidden] values, in the node's layout */
  Dense y(float[] v, int hidden) {
    if (node.batchMajor) { // [seq * dirs, batch, hidden] -> [batch, seq * dirs, hidden]
      return Dense.floats(new long[] {batch, seq, node.dirs, hidden},
          swap(v, seq * node.dirs, batch, hidden));
    }
    return Dense.floats(new long[] {seq, node.dirs, batch, hidden}, v);
  }

  /** @return a final state from [dirs, batch, hidden] values, in the node's layout */
  Dense state(float[] v, int hidden) {
    if (node.batchMajor) {
      return Dense.floats(new long[] {batch, node.dirs, hidden}, swap(v, node.dirs, batch,
          hidden));
    }
    return Dense.floats(new long[] {node.dirs, batch, hidden}, v);
  }

  /** @return v [a, b, inner] as [b, a, inner] */
  private static float[] swap(float[] v, int a, int b, int inner) {
    float[] out = new float[v.length];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        System.arraycopy(v, (i * b + j) * inner, out, (j * a + i) * inner, inner);
      }
    }
    return out;
  }
}
