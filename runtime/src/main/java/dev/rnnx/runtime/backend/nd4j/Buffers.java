package dev.rnnx.runtime.backend.nd4j;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference counts of native buffers during one run. Views (reshapes, slices, permutes) share
 * their base's buffer, so counts are kept per root buffer; a buffer is freed when its count
 * drops to zero, unless it is pinned (initializers and constants, which live as long as the
 * compiled model).
 */
final class Buffers {
  private final Map<DataBuffer, Integer> counts = new IdentityHashMap<>();
  private final Set<DataBuffer> pinned;

  /** @param pinned root buffers never freed by a run (shared, read-only) */
  Buffers(Set<DataBuffer> pinned) {
    this.pinned = pinned;
  }

  /** @return the buffer a value's data lives in, or null for an empty array */
  static DataBuffer root(INDArray value) {
    DataBuffer b = value.data();
    while (b != null && b.originalDataBuffer() != null && b.originalDataBuffer() != b) {
      b = b.originalDataBuffer();
    }
    return b;
  }

  /** Counts one more holder of the value's buffer. */
  void retain(INDArray value) {
    DataBuffer b = root(value);
    if (b != null && !pinned.contains(b)) {
      counts.merge(b, 1, Integer::sum);
    }
  }

  /** Counts one holder less; frees the buffer when none is left. */
  void release(INDArray value) {
    DataBuffer b = root(value);
    if (b == null || pinned.contains(b)) {
      return;
    }
    Integer n = counts.get(b);
    if (n == null || n <= 1) {
      counts.remove(b);
      if (b.closeable() && !b.wasClosed()) {
        b.close();
      }
    } else {
      counts.put(b, n - 1);
    }
  }

  /** Frees every buffer still counted (after a failed run). */
  void releaseAll() {
    for (DataBuffer b : counts.keySet()) {
      if (b.closeable() && !b.wasClosed()) {
        b.close();
      }
    }
    counts.clear();
  }
}
