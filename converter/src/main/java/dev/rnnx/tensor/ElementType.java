package dev.rnnx.tensor;

import java.util.Arrays;
import java.util.Optional;

/** The element types of ONNX tensors, numbered as in ONNX's {@code TensorProto.DataType}. */
public enum ElementType {
  /** 32-bit IEEE float. */
  FLOAT(1, 32),
  /** Unsigned 8-bit integer. */
  UINT8(2, 8),
  /** Signed 8-bit integer. */
  INT8(3, 8),
  /** Unsigned 16-bit integer. */
  UINT16(4, 16),
  /** Signed 16-bit integer. */
  INT16(5, 16),
  /** Signed 32-bit integer. */
  INT32(6, 32),
  /** Signed 64-bit integer. */
  INT64(7, 64),
  /** UTF-8 string; has no fixed byte width. */
  STRING(8, 0),
  /** Boolean, one byte per element. */
  BOOL(9, 8),
  /** IEEE half-precision float. */
  FLOAT16(10, 16),
  /** 64-bit IEEE float. */
  DOUBLE(11, 64),
  /** Unsigned 32-bit integer. */
  UINT32(12, 32),
  /** Unsigned 64-bit integer. */
  UINT64(13, 64),
  /** Complex number of two floats. */
  COMPLEX64(14, 64),
  /** Complex number of two doubles. */
  COMPLEX128(15, 128),
  /** bfloat16: float32 truncated to 16 bits. */
  BFLOAT16(16, 16),
  /** 8-bit float, 4 exponent and 3 mantissa bits, finite only. */
  FLOAT8E4M3FN(17, 8),
  /** 8-bit float, 4 exponent and 3 mantissa bits, no negative zero. */
  FLOAT8E4M3FNUZ(18, 8),
  /** 8-bit float, 5 exponent and 2 mantissa bits. */
  FLOAT8E5M2(19, 8),
  /** 8-bit float, 5 exponent and 2 mantissa bits, no negative zero. */
  FLOAT8E5M2FNUZ(20, 8),
  /** Unsigned 4-bit integer, two per byte. */
  UINT4(21, 4),
  /** Signed 4-bit integer, two per byte. */
  INT4(22, 4),
  /** 4-bit float (e2m1), two per byte. */
  FLOAT4E2M1(23, 4),
  /** 8-bit exponent-only float (e8m0). */
  FLOAT8E8M0(24, 8),
  /** Unsigned 2-bit integer, four per byte. */
  UINT2(25, 2),
  /** Signed 2-bit integer, four per byte. */
  INT2(26, 2);

  private final int onnxCode;
  private final int bits;

  ElementType(int onnxCode, int bits) {
    this.onnxCode = onnxCode;
    this.bits = bits;
  }

  /** @return the {@code TensorProto.DataType} number */
  public int onnxCode() {
    return onnxCode;
  }

  /** @return bits per element; 0 for {@link #STRING} */
  public int bits() {
    return bits;
  }

  /**
   * Bytes needed to store {@code count} elements packed little-endian, as ONNX raw data does.
   *
   * @param count number of elements
   * @return byte count (sub-byte types round up)
   */
  public long byteSize(long count) {
    return (count * bits + 7) / 8;
  }

  /** @return true for every float type, float16, bfloat16 and the 8- and 4-bit floats included */
  public boolean isFloatingPoint() {
    return switch (this) {
      case FLOAT, DOUBLE, FLOAT16, BFLOAT16, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2,
          FLOAT8E5M2FNUZ, FLOAT4E2M1, FLOAT8E8M0 -> true;
      default -> false;
    };
  }

  /** @return true for the signed and unsigned integer types */
  public boolean isInteger() {
    return switch (this) {
      case UINT8, INT8, UINT16, INT16, INT32, INT64, UINT32, UINT64, UINT4, INT4, UINT2, INT2 ->
          true;
      default -> false;
    };
  }

  /**
   * Looks up a type by its ONNX number.
   *
   * @param code a {@code TensorProto.DataType} number
   * @return the type, or empty for 0 (UNDEFINED) and unknown numbers
   */
  public static Optional<ElementType> fromOnnx(int code) {
    return Arrays.stream(values()).filter(t -> t.onnxCode == code).findFirst();
  }

  /** @return the lower-case ONNX spelling, e.g. {@code float16} */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
