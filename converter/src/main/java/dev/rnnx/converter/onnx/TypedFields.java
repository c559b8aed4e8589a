package dev.rnnx.converter.onnx;

import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.tensor.ElementType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the typed value fields of a {@code TensorProto} ({@code float_data}, {@code int32_data},
 * ...) into packed little-endian bytes, as onnx.proto assigns them to element types. Every length
 * is checked before the bytes are allocated, every narrowed value against its type's range.
 */
final class TypedFields {
  private TypedFields() {}

  /**
   * @param what the tensor, for messages
   * @param count the element count the dims call for
   * @param bytes the byte size the dims and type call for
   */
  static byte[] decode(TensorProto p, String what, ElementType type, int count, int bytes) {
    ByteBuffer out = switch (type) {
      case FLOAT, COMPLEX64 -> {
        int n = checkLength(what, "float_data", p.getFloatDataCount(), values(type, count));
        ByteBuffer b = allocate(bytes);
        for (int i = 0; i < n; i++) {
          b.putFloat(p.getFloatData(i)); // raw bits: NaN payloads survive
        }
        yield b;
      }
      case DOUBLE, COMPLEX128 -> {
        int n = checkLength(what, "double_data", p.getDoubleDataCount(), values(type, count));
        ByteBuffer b = allocate(bytes);
        for (int i = 0; i < n; i++) {
          b.putDouble(p.getDoubleData(i));
        }
        yield b;
      }
      case INT64 -> {
        checkLength(what, "int64_data", p.getInt64DataCount(), count);
        ByteBuffer b = allocate(bytes);
        for (int i = 0; i < count; i++) {
          b.putLong(p.getInt64Data(i));
        }
        yield b;
      }
      case UINT64 -> {
        checkLength(what, "uint64_data", p.getUint64DataCount(), count);
        ByteBuffer b = allocate(bytes);
        for (int i = 0; i < count; i++) {
          b.putLong(p.getUint64Data(i)); // unsigned: the bits as they are
        }
        yield b;
      }
      case UINT32 -> {
        checkLength(what, "uint64_data", p.getUint64DataCount(), count);
        ByteBuffer b = allocate(bytes);
        for (int i = 0; i < count; i++) {
          long v = p.getUint64Data(i);
          if (v < 0 || v > 0xffffffffL) {
            throw outOfRange(what, "uint64_data", i, Long.toUnsignedString(v), type);
          }
          b.putInt((int) v);
        }
        yield b;
      }
      case STRING -> throw new IllegalArgumentException("string tensors have no typed bytes");
      default -> fromInt32Data(p, what, type, count, bytes);
    };
    return out.array();
  }

  /** int32_data: one element per entry, or for sub-byte types one packed byte per entry. */
  private static ByteBuffer fromInt32Data(
      TensorProto p, String what, ElementType type, int count, int bytes) {
    boolean packed = type.bits() < 8;
    int entries = packed ? bytes : count;
    checkLength(what, packed ? "int32_data (packed bytes)" : "int32_data",
        p.getInt32DataCount(), entries);
    long[] range = range(type);
    int width = packed ? 1 : type.bits() / 8;
    ByteBuffer out = allocate(bytes);
    for (int i = 0; i < entries; i++) {
      int v = p.getInt32Data(i);
      if (v < range[0] || v > range[1]) {
        throw outOfRange(what, "int32_data", i, Integer.toString(v), type);
      }
      for (int k = 0; k < width; k++) {
        out.put((byte) (v >> (8 * k)));
      }
    }
    return out;
  }

  /** The int32_data values accepted for a type: its value range, or any n-bit pattern. */
  private static long[] range(ElementType type) {
    return switch (type) {
      case BOOL -> new long[] {0, 1};
      case UINT8 -> new long[] {0, 0xff};
      case INT8 -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
      case UINT16 -> new long[] {0, 0xffff};
      case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
      case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
      // bit patterns (float16, float8, packed sub-byte pairs): signed or unsigned spelling
      default -> type.bits() == 16 ? new long[] {Short.MIN_VALUE, 0xffff}
          : new long[] {Byte.MIN_VALUE, 0xff};
    };
  }

  private static int values(ElementType type, int count) {
    // complex numbers are stored as (real, imaginary) pairs
    boolean complex = type == ElementType.COMPLEX64 || type == ElementType.COMPLEX128;
    return complex ? 2 * count : count;
  }

  private static ByteBuffer allocate(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** @return {@code expected}, once it is known to be the actual length */
  static int checkLength(String what, String field, long actual, long expected) {
    if (actual != expected) {
      throw new ModelFormatException(what + ": " + field + " holds " + actual
          + " values, expected " + expected);
    }
    return (int) expected;
  }

  private static ModelFormatException outOfRange(
      String what, String field, int index, String value, ElementType type) {
    return new ModelFormatException(what + ": " + field + "[" + index + "] = " + value
        + " is out of range for " + type);
  }
}
