package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.Set;

/**
 * A dense row-major tensor on the Java heap, the value type of the heap path: float32 in a
 * {@code float[]}, int64, int32 and bool (0 or 1) in a {@code long[]}. Treated as immutable
 * once a kernel has returned it, so reshapes share the array.
 */
public final class Dense {
  /** The element types the heap path carries. */
  public static final Set<ElementType> TYPES =
      Set.of(ElementType.FLOAT, ElementType.INT64, ElementType.INT32, ElementType.BOOL);

  final ElementType type;
  final long[] shape;
  final float[] f; // row-major values when type is FLOAT, else null
  final long[] l; // row-major values for integer and bool types, else null

  private Dense(ElementType type, long[] shape, float[] f, long[] l) {
    this.type = type;
    this.shape = shape;
    this.f = f;
    this.l = l;
  }

  /** @return a float tensor holding {@code values} (not copied) */
  static Dense floats(long[] shape, float[] values) {
    check(shape, values.length);
    return new Dense(ElementType.FLOAT, shape, values, null);
  }

  /** @return an int64, int32 or bool tensor holding {@code values} (not copied) */
  static Dense longs(ElementType type, long[] shape, long[] values) {
    check(shape, values.length);
    if (type == ElementType.FLOAT) {
      throw new IllegalArgumentException("float data goes in a float[]");
    }
    return new Dense(type, shape, null, values);
  }

  private static void check(long[] shape, int length) {
    if (count(shape) != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
          + count(shape) + " elements, data has " + length);
    }
  }

  /** @return the element count of a shape */
  static int count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /** @return true when the heap path carries tensors of this type */
  static boolean carries(ElementType type) {
    return TYPES.contains(type);
  }

  /**
   * @param t a tensor of a carried type
   * @return a heap copy of it
   * @throws RnnxException UNSUPPORTED for other element types
   */
  public static Dense of(Tensor t) {
    return switch (t.type()) {
      case FLOAT -> floats(t.shape(), t.toFloatArray());
      case INT64, INT32 -> longs(t.type(), t.shape(), t.toLongArray());
      case BOOL -> {
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = t.getDouble(i) != 0 ? 1 : 0;
        }
        yield longs(ElementType.BOOL, t.shape(), v);
      }
      default -> throw new RnnxException(ErrorCode.UNSUPPORTED, "the heap path carries "
          + TYPES + ", not " + t.type());
    };
  }

  /** @return an RNNX tensor holding a copy */
  public Tensor toTensor() {
    return switch (type) {
      case FLOAT -> Tensor.of(f, shape);
      case INT64 -> Tensor.of(l, shape);
      case INT32 -> {
        int[] v = new int[l.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (int) l[i];
        }
        yield Tensor.of(v, shape);
      }
      default -> {
        boolean[] v = new boolean[l.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = l[i] != 0;
        }
        yield Tensor.of(v, shape);
      }
    };
  }

  /** @return the element type */
  public ElementType type() {
    return type;
  }

  /** @return the dims (a copy) */
  public long[] shape() {
    return shape.clone();
  }

  int rank() {
    return shape.length;
  }

  int size() {
    return f != null ? f.length : l.length;
  }

  boolean isFloat() {
    return f != null;
  }

  /** @return the same data under another shape (shared) */
  Dense reshaped(long[] newShape) {
    return f != null ? floats(newShape, f) : longs(type, newShape, l);
  }

  /** @return the values as longs (floats truncated), shared when already longs */
  long[] asLongs() {
    if (l != null) {
      return l;
    }
    long[] out = new long[f.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) f[i];
    }
    return out;
  }

  /** @return the value at a flat index as a double */
  double get(int index) {
    return f != null ? f[index] : l[index];
  }

  @Override
  public String toString() {
    return type + Arrays.toString(shape);
  }
}
