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

  /** @return the elements in row-major order as floats */
  public static float[] floats(INDArray a) {
    return a.isEmpty() ? new float[0] : contiguous(a).data().asFloat();
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
    INDArray out = Nd4j.create(type, shape.clone(), Nd4j.getStrides(shape, 'c'), 'c');
    if (littleEndian.length > 0) {
      ByteBuffer nio = out.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
      nio.position(0);
      nio.put(littleEndian);
    }
    return out;
  }

  /** @return an uninitialized-then-zeroed row-major array */
  public static INDArray zeros(DataType type, long... shape) {
    return Nd4j.create(type, shape.clone(), Nd4j.getStrides(shape, 'c'), 'c');
  }

  /** @return an array of the type and shape from row-major doubles, cast as C would */
  public static INDArray of(DataType type, long[] shape, double[] values) {
    if (type == DataType.DOUBLE) {
      return Nd4j.createFromArray(values).reshape('c', shape.clone());
    }
    if (isInteger(type) || type == DataType.BOOL) {
      long[] l = new long[values.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = type == DataType.BOOL ? (values[i] != 0 ? 1 : 0) : (long) values[i];
      }
      return of(type, shape, l);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return of(type, shape, f);
  }

  /** @return an array of a float type and shape from row-major floats */
  public static INDArray of(DataType type, long[] shape, float[] values) {
    if (values.length == 0) {
      return zeros(type, shape);
    }
    INDArray a = Nd4j.createFromArray(values).reshape('c', shape.clone());
    return type == DataType.FLOAT ? a : a.castTo(type);
  }

  /** @return an array of the type and shape from row-major longs */
  public static INDArray of(DataType type, long[] shape, long[] values) {
    if (values.length == 0) {
      return zeros(type, shape);
    }
    if (type == DataType.BOOL) {
      boolean[] b = new boolean[values.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = values[i] != 0;
      }
      return Nd4j.createFromArray(b).reshape('c', shape.clone());
    }
    INDArray a = Nd4j.createFromArray(values).reshape('c', shape.clone());
    return type == DataType.LONG ? a : a.castTo(type);
  }

  /** @return a bool array of the shape */
  public static INDArray of(long[] shape, boolean[] values) {
    if (values.length == 0) {
      return zeros(DataType.BOOL, shape);
    }
    return Nd4j.createFromArray(values).reshape('c', shape.clone());
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
