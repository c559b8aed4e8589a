package dev.rnnx.runtime.backend.nd4j.heap;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A growable block of native floats for BLAS operands: JNI copies of Java arrays would copy
 * the whole array on every call, so operands are staged here instead. Freed by {@link #close}.
 */
final class NativeFloats implements AutoCloseable {
  private FloatPointer memory; // [capacity]
  private long capacity;

  /** @return a block holding a copy of {@code values} */
  static NativeFloats of(float[] values) {
    NativeFloats n = new NativeFloats();
    n.put(values, 0, values.length);
    return n;
  }

  /** @return the memory, at least {@code size} floats long (contents kept only when large enough) */
  FloatPointer reserve(long size) {
    if (memory == null || capacity < size) {
      if (memory != null) {
        memory.close();
      }
      capacity = Math.max(size, 16);
      memory = new FloatPointer(capacity);
    }
    return memory;
  }

  /** Copies {@code length} values of {@code src} from {@code offset} to the start. */
  FloatPointer put(float[] src, int offset, int length) {
    FloatPointer p = reserve(length);
    p.position(0).put(src, offset, length);
    return p;
  }

  /** Copies the first {@code length} values to {@code dst} at {@code offset}. */
  void get(float[] dst, int offset, int length) {
    memory.position(0).get(dst, offset, length);
  }

  @Override
  public void close() {
    if (memory != null) {
      memory.close();
      memory = null;
    }
  }
}
