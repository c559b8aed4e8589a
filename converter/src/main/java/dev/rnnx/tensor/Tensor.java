package dev.rnnx.tensor;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable n-dimensional array: an element type, a shape, and row-major data. Numeric data
 * is held as little-endian bytes exactly as ONNX raw data lays it out; strings as a list.
 */
public final class Tensor {
  /** Largest element count of one tensor (2^31 - 1), the bound ONNX Runtime and Java arrays share. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE;
  /** Largest data size of one tensor in bytes: what one Java array can safely hold. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private final ElementType type;
  private final long[] shape;
  private final int size;
  private final byte[] data; // little-endian, packed; null for STRING
  private final List<String> strings; // null unless STRING

  private Tensor(ElementType type, long[] shape, byte[] data, List<String> strings) {
    this.type = type;
    this.shape = shape;
    this.size = Math.toIntExact(elementCount(shape));
    this.data = data;
    this.strings = strings;
  }

  /**
   * Element count of a shape.
   *
   * @param shape dims, each at least 0
   * @return the product of the dims
   * @throws RnnxException if a dim is negative or the product exceeds {@link #MAX_ELEMENTS}
   */
  public static long elementCount(long[] shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new RnnxException(
            ErrorCode.INVALID_ARGUMENT, "negative dimension in shape " + Arrays.toString(shape));
      }
      if (d != 0 && count > MAX_ELEMENTS / d) {
        throw new RnnxException(
            ErrorCode.INVALID_ARGUMENT,
            "shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
      }
      count *= d;
    }
    return count;
  }

  /**
   * Byte size of a numeric tensor's packed data, checked before anything is allocated.
   *
   * @param type any type but {@link ElementType#STRING}
   * @param shape dims, each at least 0
   * @return {@code type.byteSize(elementCount(shape))}
   * @throws RnnxException if the element count or the byte size exceeds what one tensor holds
   */
  public static int byteSize(ElementType type, long[] shape) {
    long bytes = type.byteSize(elementCount(shape));
    if (bytes > MAX_BYTES) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, type + Arrays.toString(shape)
          + " takes " + bytes + " bytes, more than one array holds (" + MAX_BYTES + ")");
    }
    return (int) bytes;
  }

  /**
   * Wraps little-endian packed bytes (copied).
   *
   * @param type any type but {@link ElementType#STRING}
   * @param shape the dims
   * @param littleEndian exactly {@code type.byteSize(count)} bytes
   * @return the tensor
   */
  public static Tensor fromBytes(ElementType type, long[] shape, byte[] littleEndian) {
    return fromBytesOwned(type, shape.clone(), littleEndian.clone());
  }

  /**
   * Like {@link #fromBytes} without copying, for backends that made the array for this tensor
   * alone: the tensor takes ownership, and the caller must never touch either array again.
   *
   * @param type any type but {@link ElementType#STRING}
   * @param shape the dims (owned from now on)
   * @param littleEndian exactly {@code type.byteSize(count)} bytes (owned from now on)
   * @return the tensor
   */
  public static Tensor adopt(ElementType type, long[] shape, byte[] littleEndian) {
    return fromBytesOwned(type, shape, littleEndian);
  }

  /** Like {@link #fromBytes} without copying; the caller hands over both arrays. */
  static Tensor fromBytesOwned(ElementType type, long[] shape, byte[] littleEndian) {
    Objects.requireNonNull(type, "type");
    if (type == ElementType.STRING) {
      throw new IllegalArgumentException("string tensors hold strings, not bytes");
    }
    int expected = byteSize(type, shape);
    if (littleEndian.length != expected) {
      throw new RnnxException(
          ErrorCode.INVALID_ARGUMENT,
          "a " + type + " tensor of shape " + Arrays.toString(shape) + " needs " + expected
              + " bytes, got " + littleEndian.length);
    }
    return new Tensor(type, shape, littleEndian, null);
  }

  /**
   * A tensor of zeros (empty strings for STRING).
   *
   * @param type element type
   * @param shape dims
   * @return the tensor
   */
  public static Tensor zeros(ElementType type, long... shape) {
    long[] dims = shape.clone();
    int n = Math.toIntExact(elementCount(dims));
    if (type == ElementType.STRING) {
      return new Tensor(type, dims, null, List.copyOf(java.util.Collections.nCopies(n, "")));
    }
    return new Tensor(type, dims, new byte[byteSize(type, dims)], null);
  }

  /**
   * A float32 tensor.
   *
   * @param data row-major values (copied)
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(float[] data, long... shape) {
    checkCount(data.length, shape);
    ByteBuffer b = allocate(data.length * 4L);
    b.asFloatBuffer().put(data);
    return new Tensor(ElementType.FLOAT, shape.clone(), b.array(), null);
  }

  /**
   * A float64 tensor.
   *
   * @param data row-major values (copied)
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(double[] data, long... shape) {
    checkCount(data.length, shape);
    ByteBuffer b = allocate(data.length * 8L);
    b.asDoubleBuffer().put(data);
    return new Tensor(ElementType.DOUBLE, shape.clone(), b.array(), null);
  }

  /**
   * An int64 tensor.
   *
   * @param data row-major values (copied)
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(long[] data, long... shape) {
    checkCount(data.length, shape);
    ByteBuffer b = allocate(data.length * 8L);
    b.asLongBuffer().put(data);
    return new Tensor(ElementType.INT64, shape.clone(), b.array(), null);
  }

  /**
   * An int32 tensor.
   *
   * @param data row-major values (copied)
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(int[] data, long... shape) {
    checkCount(data.length, shape);
    ByteBuffer b = allocate(data.length * 4L);
    b.asIntBuffer().put(data);
    return new Tensor(ElementType.INT32, shape.clone(), b.array(), null);
  }

  /**
   * A bool tensor.
   *
   * @param data row-major values (copied)
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(boolean[] data, long... shape) {
    checkCount(data.length, shape);
    byte[] bytes = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      bytes[i] = (byte) (data[i] ? 1 : 0);
    }
    return new Tensor(ElementType.BOOL, shape.clone(), bytes, null);
  }

  /**
   * A string tensor.
   *
   * @param data row-major values
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor of(String[] data, long... shape) {
    checkCount(data.length, shape);
    return new Tensor(ElementType.STRING, shape.clone(), null, List.of(data));
  }

  /**
   * A tensor of any type from doubles, each rounded or truncated to the type as a C cast would.
   *
   * @param type a numeric or bool type
   * @param data row-major values
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor ofDoubles(ElementType type, double[] data, long... shape) {
    checkCount(data.length, shape);
    if (type == ElementType.STRING) {
      throw new IllegalArgumentException("string tensors hold strings, not numbers");
    }
    TensorWriter w = new TensorWriter(type, shape.clone());
    for (int i = 0; i < data.length; i++) {
      w.setDouble(i, data[i]);
    }
    return w.build();
  }

  /**
   * A tensor of any integer, bool or float type from longs.
   *
   * @param type a numeric or bool type
   * @param data row-major values
   * @param shape dims whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor ofLongs(ElementType type, long[] data, long... shape) {
    checkCount(data.length, shape);
    TensorWriter w = new TensorWriter(type, shape.clone());
    for (int i = 0; i < data.length; i++) {
      w.setLong(i, data[i]);
    }
    return w.build();
  }

  /** @return a rank-0 float32 tensor */
  public static Tensor scalar(float v) {
    return of(new float[] {v});
  }

  /** @return a rank-0 float64 tensor */
  public static Tensor scalar(double v) {
    return of(new double[] {v});
  }

  /** @return a rank-0 int64 tensor */
  public static Tensor scalar(long v) {
    return of(new long[] {v});
  }

  /** @return a rank-0 int32 tensor */
  public static Tensor scalar(int v) {
    return of(new int[] {v});
  }

  /** @return a rank-0 bool tensor */
  public static Tensor scalar(boolean v) {
    return of(new boolean[] {v});
  }

  /** @return a rank-0 string tensor */
  public static Tensor scalar(String v) {
    return of(new String[] {v});
  }

  /**
   * A tensor from a (possibly nested) Java array such as {@code float[2][3]}; the nesting gives
   * the shape, which must be rectangular.
   *
   * @param array a float, double, long, int or boolean array or nested array of them
   * @return the tensor
   */
  public static Tensor fromArray(Object array) {
    List<Long> dims = new ArrayList<>();
    Object probe = array;
    while (probe != null && probe.getClass().isArray()) {
      int n = Array.getLength(probe);
      dims.add((long) n);
      Class<?> component = probe.getClass().getComponentType();
      if (!component.isArray()) {
        break;
      }
      probe = n > 0 ? Array.get(probe, 0) : null;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    Class<?> leaf = array.getClass();
    while (leaf.isArray()) {
      leaf = leaf.getComponentType();
    }
    int count = Math.toIntExact(elementCount(shape));
    double[] flat = new double[count];
    long[] flatLongs = new long[count];
    int[] cursor = {0};
    flatten(array, shape, 0, flat, flatLongs, cursor);
    if (leaf == float.class) {
      float[] f = new float[count];
      for (int i = 0; i < count; i++) {
        f[i] = (float) flat[i];
      }
      return of(f, shape);
    } else if (leaf == double.class) {
      return of(flat, shape);
    } else if (leaf == long.class) {
      return of(flatLongs, shape);
    } else if (leaf == int.class) {
      return ofLongs(ElementType.INT32, flatLongs, shape);
    } else if (leaf == boolean.class) {
      return ofLongs(ElementType.BOOL, flatLongs, shape);
    }
    throw new IllegalArgumentException("unsupported array element type " + leaf);
  }

  private static void flatten(
      Object a, long[] shape, int axis, double[] out, long[] outLongs, int[] cursor) {
    int n = Array.getLength(a);
    if (n != shape[axis]) {
      throw new IllegalArgumentException("ragged array: axis " + axis + " has lengths "
          + shape[axis] + " and " + n);
    }
    if (axis == shape.length - 1) {
      for (int i = 0; i < n; i++) {
        Object v = Array.get(a, i);
        int k = cursor[0]++;
        if (v instanceof Boolean bool) {
          outLongs[k] = bool ? 1 : 0;
        } else if (v instanceof Long l) {
          outLongs[k] = l;
          out[k] = l;
        } else if (v instanceof Integer iv) {
          outLongs[k] = iv;
        } else {
          out[k] = ((Number) v).doubleValue();
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        flatten(Array.get(a, i), shape, axis + 1, out, outLongs, cursor);
      }
    }
  }

  private static void checkCount(int length, long[] shape) {
    long expected = elementCount(shape);
    if (expected != length) {
      throw new RnnxException(
          ErrorCode.INVALID_ARGUMENT,
          "shape " + Arrays.toString(shape) + " holds " + expected + " elements, got " + length);
    }
  }

  private static ByteBuffer allocate(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** @return the element type */
  public ElementType type() {
    return type;
  }

  /** @return a copy of the dims */
  public long[] shape() {
    return shape.clone();
  }

  /** @return the number of dims */
  public int rank() {
    return shape.length;
  }

  /**
   * @param axis a dim index (negative counts from the end)
   * @return that dim
   */
  public long dim(int axis) {
    return shape[axis < 0 ? axis + shape.length : axis];
  }

  /** @return the element count */
  public int size() {
    return size;
  }

  /** @return a read-only little-endian view of the packed data (not for STRING) */
  public ByteBuffer data() {
    requireNumeric();
    return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** @return a copy of the packed little-endian data (not for STRING) */
  public byte[] toBytes() {
    requireNumeric();
    return data.clone();
  }

  /** @return the strings of a STRING tensor */
  public List<String> strings() {
    if (strings == null) {
      throw new IllegalStateException("a " + type + " tensor holds no strings");
    }
    return strings;
  }

  /**
   * Reads one element as a double, whatever the numeric type.
   *
   * @param index row-major flat index
   * @return the value (bool as 0 or 1)
   */
  public double getDouble(int index) {
    requireNumeric();
    Objects.checkIndex(index, size);
    return ElementCodec.readDouble(type, data, index);
  }

  /**
   * Reads one element as a long, whatever the numeric type (floats are truncated).
   *
   * @param index row-major flat index
   * @return the value
   */
  public long getLong(int index) {
    requireNumeric();
    Objects.checkIndex(index, size);
    return ElementCodec.readLong(type, data, index);
  }

  /**
   * @param index row-major flat index
   * @return the element as a float
   */
  public float getFloat(int index) {
    return (float) getDouble(index);
  }

  /** @return every element as a float, converted from any numeric type */
  public float[] toFloatArray() {
    if (type == ElementType.FLOAT) {
      float[] out = new float[size];
      data().asFloatBuffer().get(out);
      return out;
    }
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = getFloat(i);
    }
    return out;
  }

  /** @return every element as a double, converted from any numeric type */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }

  /** @return every element as a long, converted from any numeric type */
  public long[] toLongArray() {
    if (type == ElementType.INT64) {
      long[] out = new long[size];
      data().asLongBuffer().get(out);
      return out;
    }
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = getLong(i);
    }
    return out;
  }

  /**
   * The same data under another shape.
   *
   * @param newShape dims with the same element count
   * @return the reshaped tensor (shares nothing mutable)
   */
  public Tensor reshape(long... newShape) {
    checkCount(size, newShape);
    return new Tensor(type, newShape.clone(), data, strings);
  }

  /**
   * The sub-tensor at one index of axis 0, with that axis removed.
   *
   * @param index position along axis 0
   * @return the slice
   */
  public Tensor slice0(int index) {
    if (shape.length == 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "cannot slice a scalar");
    }
    Objects.checkIndex(index, (int) shape[0]);
    long[] rest = Arrays.copyOfRange(shape, 1, shape.length);
    int inner = Math.toIntExact(elementCount(rest));
    if (strings != null) {
      return new Tensor(type, rest, null,
          List.copyOf(strings.subList(index * inner, (index + 1) * inner)));
    }
    if (type.bits() % 8 != 0) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "slicing " + type + " tensors");
    }
    int bytes = type.bits() / 8;
    return new Tensor(type, rest,
        Arrays.copyOfRange(data, index * inner * bytes, (index + 1) * inner * bytes), null);
  }

  /**
   * Stacks tensors of one type and shape along a new axis 0.
   *
   * @param parts at least one tensor, all of the same type and shape
   * @return the stacked tensor
   */
  public static Tensor stack(List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack");
    }
    Tensor first = parts.get(0);
    long[] shape = new long[first.rank() + 1];
    shape[0] = parts.size();
    System.arraycopy(first.shape, 0, shape, 1, first.rank());
    for (Tensor t : parts) {
      if (t.type != first.type || !Arrays.equals(t.shape, first.shape)) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "cannot stack " + t.describe()
            + " onto " + first.describe());
      }
    }
    if (first.strings != null) {
      List<String> all = new ArrayList<>();
      parts.forEach(t -> all.addAll(t.strings));
      return new Tensor(first.type, shape, null, List.copyOf(all));
    }
    byte[] all = new byte[Math.toIntExact((long) first.data.length * parts.size())];
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i).data, 0, all, i * first.data.length, first.data.length);
    }
    return new Tensor(first.type, shape, all, null);
  }

  /** @return e.g. {@code float[1, 3, 4]} */
  public String describe() {
    return type + Arrays.toString(shape);
  }

  private void requireNumeric() {
    if (data == null) {
      throw new IllegalStateException("a string tensor has no numeric data");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && t.type == type
        && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.data, data)
        && Objects.equals(t.strings, strings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(data), strings);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(describe()).append(' ');
    int shown = Math.min(size, 8);
    s.append('[');
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(strings != null ? '"' + strings.get(i) + '"' : formatElement(i));
    }
    return s.append(size > shown ? ", ...]" : "]").toString();
  }

  private String formatElement(int i) {
    return type.isFloatingPoint() ? Double.toString(getDouble(i)) : Long.toString(getLong(i));
  }
}
