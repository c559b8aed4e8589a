package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk moves between INDArrays and Java arrays: one ND4J call per tensor, never one per
 * element. Kernels that are faster in plain Java read their inputs with these and build their
 * outputs with them.
 */
public final class NdArrays {
  private NdArrays() {}

  /** @return {@code a} itself when it is a dense row-major array of its own, else a copy */
  public static INDArray contiguous(INDArray a) {
    if (a.isEmpty() || (!a.isView() && a.ordering() == 'c' && a.offset() == 0
        && Shape.hasDefaultStridesForShape(a) && a.data().length() == a.length())) {
      return a;
    }
    return a.dup('c');
  }

  /** @return the elements in row-major order as doubles */
  public static double[] doubles(INDArray a) {
    return a.isEmpty() ? new double[0] : contiguous(a).data().asDouble();
  }

  /** @return the elements in row-major order as longs (floats truncated) */
  public static long[] longs(INDArray a) {
    return a.isEmpty() ? new long[0] : contiguous(a).data().asLong();
  }

  /** @return the elements in row-major order as ints (floats truncated) */
  public static int[] ints(INDArray a) {
    return a.isEmpty() ? new int[0] : contiguous(a).data().asInt();
  }

  /** @return the elements as booleans (non-zero is true) */
  public static boolean[] booleans(INDArray a) {
    double[] d = doubles(a);
    boolean[] out = new boolean[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = d[i] != 0;
    }
    return out;
  }

  /** @return the little-endian bytes of the elements in row-major order */
  public static byte[] bytes(INDArray a) {
    int size = a.data() == null ? 0 : a.data().getElementSize();
    byte[] out = new byte[Math.toIntExact(a.length() * size)];
    if (out.length > 0) {
      ByteBuffer nio = contiguous(a).data().asNio().order(ByteOrder.LITTLE_ENDIAN);
      nio.position(0);
      nio.get(out);
    }
    return out;
  }

  /** @return an array of the type and shape holding these little-endian bytes */
  public static INDArray fromBytes(DataType type, long[] shape, byte[] littleEndian) {
    INDArray out = uninitialized(type, shape);
    if (littleEndian.length > 0) {
      nio(out).put(0, littleEndian);
    }
    return out;
  }

  /** @return an uninitialized-then-zeroed row-major array */
  public static INDArray zeros(DataType type, long... shape) {
    return Nd4j.create(type, shape.clone(), Nd4j.getStrides(shape, 'c'), 'c');
  }

  /** @return a row-major array whose every element the caller overwrites */
  private static INDArray uninitialized(DataType type, long[] shape) {
    return count(shape) == 0 ? zeros(type, shape)
        : Nd4j.createUninitialized(type, shape.clone(), 'c');
  }

  private static ByteBuffer nio(INDArray a) {
    return a.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * @return an array of the type and shape from row-major doubles, converted as a C cast
   *     would (bool: non-zero is true); one allocation, filled through its native memory
   */
  public static INDArray of(DataType type, long[] shape, double[] values) {
    INDArray out = uninitialized(type, shape);
    if (values.length == 0) {
      return out;
    }
    switch (type) {
      case DOUBLE -> out.data().asNioDouble().put(0, values, 0, values.length);
      case FLOAT -> {
        java.nio.FloatBuffer f = out.data().asNioFloat();
        for (int i = 0; i < values.length; i++) {
          f.put(i, (float) values[i]);
        }
      }
      case HALF, BFLOAT16 -> {
        ByteBuffer b = nio(out);
        for (int i = 0; i < values.length; i++) {
          b.putShort(2 * i, toHalf(type, (float) values[i]));
        }
      }
      case BOOL -> {
        ByteBuffer b = nio(out);
        for (int i = 0; i < values.length; i++) {
          b.put(i, (byte) (values[i] != 0 ? 1 : 0));
        }
      }
      default -> {
        long[] l = new long[values.length];
        for (int i = 0; i < l.length; i++) {
          l[i] = (long) values[i];
        }
        writeLongs(out, l);
      }
    }
    return out;
  }

  private static short toHalf(DataType type, float v) {
    if (type == DataType.HALF) {
      return dev.rnnx.tensor.HalfFloats.floatToHalf(v);
    }
    int bits = Float.floatToIntBits(v);
    if (Float.isNaN(v)) {
      return (short) 0x7fc0;
    }
    return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16); // round to nearest even
  }

  /** @return an array of a float type and shape from row-major floats */
  public static INDArray of(DataType type, long[] shape, float[] values) {
    if (type == DataType.FLOAT) {
      INDArray out = uninitialized(type, shape);
      if (values.length > 0) {
        out.data().asNioFloat().put(0, values, 0, values.length);
      }
      return out;
    }
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return of(type, shape, d);
  }

  /** @return an array of the type and shape from row-major longs (narrowed as C would) */
  public static INDArray of(DataType type, long[] shape, long[] values) {
    INDArray out = uninitialized(type, shape);
    if (values.length == 0) {
      return out;
    }
    if (isFloating(type)) {
      double[] d = new double[values.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = values[i];
      }
      return of(type, shape, d);
    }
    writeLongs(out, values);
    return out;
  }

  private static void writeLongs(INDArray out, long[] values) {
    ByteBuffer b = nio(out);
    switch (out.dataType()) {
      case LONG, UINT64 -> out.data().asNioLong().put(0, values, 0, values.length);
      case INT, UINT32 -> {
        for (int i = 0; i < values.length; i++) {
          b.putInt(4 * i, (int) values[i]);
        }
      }
      case SHORT, UINT16 -> {
        for (int i = 0; i < values.length; i++) {
          b.putShort(2 * i, (short) values[i]);
        }
      }
      case BOOL -> {
        for (int i = 0; i < values.length; i++) {
          b.put(i, (byte) (values[i] != 0 ? 1 : 0));
        }
      }
      default -> {
        for (int i = 0; i < values.length; i++) {
          b.put(i, (byte) values[i]);
        }
      }
    }
  }

  /** @return a bool array of the shape */
  public static INDArray of(long[] shape, boolean[] values) {
    INDArray out = uninitialized(DataType.BOOL, shape);
    ByteBuffer b = values.length == 0 ? null : nio(out);
    for (int i = 0; i < values.length; i++) {
      b.put(i, (byte) (values[i] ? 1 : 0));
    }
    return out;
  }

  /** @return an int64 vector */
  public static INDArray vector(long... values) {
    return of(DataType.LONG, new long[] {values.length}, values);
  }

  /** @return true for the signed and unsigned integer types */
  public static boolean isInteger(DataType t) {
    return switch (t) {
      case BYTE, UBYTE, SHORT, UINT16, INT, UINT32, LONG, UINT64 -> true;
      default -> false;
    };
  }

  /** @return true for the floating-point types */
  public static boolean isFloating(DataType t) {
    return switch (t) {
      case FLOAT, DOUBLE, HALF, BFLOAT16 -> true;
      default -> false;
    };
  }

  /** @return the element count of a shape */
  public static int count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /** @return an axis in [0, rank), counting negative ones from the end */
  public static int axis(long axis, int rank) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= Math.max(rank, 1)) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "axis " + axis
          + " is out of range for rank " + rank);
    }
    return (int) a;
  }

  /** @return the row-major strides of a shape, in elements */
  public static long[] strides(long[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /**
   * Copies a dense FLOAT or DOUBLE array's elements into {@code dst} through a view of its
   * native memory (no ND4J call).
   */
  public static void read(INDArray src, double[] dst) {
    if (src.dataType() == DataType.DOUBLE) {
      src.data().asNioDouble().get(0, dst, 0, dst.length);
    } else {
      java.nio.FloatBuffer f = src.data().asNioFloat();
      for (int i = 0; i < dst.length; i++) {
        dst[i] = f.get(i);
      }
    }
  }

  /** Writes {@code src} into a dense FLOAT or DOUBLE array's native memory (no ND4J call). */
  public static void write(INDArray dst, double[] src) {
    if (dst.dataType() == DataType.DOUBLE) {
      dst.data().asNioDouble().put(0, src, 0, src.length);
    } else {
      java.nio.FloatBuffer f = dst.data().asNioFloat();
      for (int i = 0; i < src.length; i++) {
        f.put(i, (float) src[i]);
      }
    }
  }
}
