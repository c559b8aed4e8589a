package dev.rnnx.tensor;

/**
 * Reads and writes single elements of every numeric {@link ElementType} in ONNX's packed
 * little-endian layout. Sub-byte types keep the first element in the low bits of each byte.
 */
final class ElementCodec {
  private ElementCodec() {}

  static double readDouble(ElementType type, byte[] d, int i) {
    return switch (type) {
      case FLOAT -> Float.intBitsToFloat(int32(d, i * 4));
      case DOUBLE -> Double.longBitsToDouble(int64(d, i * 8));
      case FLOAT16 -> HalfFloats.halfToFloat((short) int16(d, i * 2));
      case BFLOAT16 -> HalfFloats.bfloat16ToFloat((short) int16(d, i * 2));
      case COMPLEX64 -> Float.intBitsToFloat(int32(d, i * 8)); // the real part
      case COMPLEX128 -> Double.longBitsToDouble(int64(d, i * 16));
      case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0 ->
          MiniFloats.decode(type, d[i] & 0xff);
      case FLOAT4E2M1 -> MiniFloats.decode(type, nibble(d, i));
      case UINT64 -> unsignedToDouble(int64(d, i * 8));
      default -> readLong(type, d, i);
    };
  }

  static long readLong(ElementType type, byte[] d, int i) {
    return switch (type) {
      case BOOL, UINT8 -> d[i] & 0xff;
      case INT8 -> d[i];
      case UINT16 -> int16(d, i * 2);
      case INT16 -> (short) int16(d, i * 2);
      case INT32 -> int32(d, i * 4);
      case UINT32 -> int32(d, i * 4) & 0xffffffffL;
      case INT64, UINT64 -> int64(d, i * 8);
      case UINT4 -> nibble(d, i);
      case INT4 -> (nibble(d, i) << 28) >> 28;
      case UINT2 -> crumb(d, i);
      case INT2 -> (crumb(d, i) << 30) >> 30;
      default -> (long) readDouble(type, d, i);
    };
  }

  static void writeDouble(ElementType type, byte[] d, int i, double v) {
    switch (type) {
      case FLOAT -> putInt32(d, i * 4, Float.floatToRawIntBits((float) v));
      case DOUBLE -> putInt64(d, i * 8, Double.doubleToRawLongBits(v));
      case FLOAT16 -> putInt16(d, i * 2, HalfFloats.floatToHalf((float) v));
      case BFLOAT16 -> putInt16(d, i * 2, HalfFloats.floatToBfloat16((float) v));
      case COMPLEX64 -> putInt32(d, i * 8, Float.floatToRawIntBits((float) v));
      case COMPLEX128 -> putInt64(d, i * 16, Double.doubleToRawLongBits(v));
      case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT8E8M0 ->
          d[i] = (byte) MiniFloats.encode(type, v);
      case FLOAT4E2M1 -> putNibble(d, i, MiniFloats.encode(type, v));
      case BOOL -> d[i] = (byte) (v != 0 ? 1 : 0);
      default -> writeLong(type, d, i, (long) v);
    }
  }

  static void writeLong(ElementType type, byte[] d, int i, long v) {
    switch (type) {
      case BOOL -> d[i] = (byte) (v != 0 ? 1 : 0);
      case UINT8, INT8 -> d[i] = (byte) v;
      case UINT16, INT16 -> putInt16(d, i * 2, (short) v);
      case INT32, UINT32 -> putInt32(d, i * 4, (int) v);
      case INT64, UINT64 -> putInt64(d, i * 8, v);
      case UINT4, INT4 -> putNibble(d, i, (int) v & 0xf);
      case UINT2, INT2 -> putCrumb(d, i, (int) v & 0x3);
      default -> writeDouble(type, d, i, v);
    }
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private static int nibble(byte[] d, int i) {
    return (d[i >> 1] >> ((i & 1) * 4)) & 0xf;
  }

  private static int crumb(byte[] d, int i) {
    return (d[i >> 2] >> ((i & 3) * 2)) & 0x3;
  }

  private static void putNibble(byte[] d, int i, int v) {
    int shift = (i & 1) * 4;
    d[i >> 1] = (byte) ((d[i >> 1] & ~(0xf << shift)) | ((v & 0xf) << shift));
  }

  private static void putCrumb(byte[] d, int i, int v) {
    int shift = (i & 3) * 2;
    d[i >> 2] = (byte) ((d[i >> 2] & ~(0x3 << shift)) | ((v & 0x3) << shift));
  }

  static int int16(byte[] d, int o) {
    return (d[o] & 0xff) | (d[o + 1] & 0xff) << 8;
  }

  static int int32(byte[] d, int o) {
    return (d[o] & 0xff) | (d[o + 1] & 0xff) << 8 | (d[o + 2] & 0xff) << 16 | (d[o + 3] & 0xff) << 24;
  }

  static long int64(byte[] d, int o) {
    return (int32(d, o) & 0xffffffffL) | ((long) int32(d, o + 4) << 32);
  }

  static void putInt16(byte[] d, int o, short v) {
    d[o] = (byte) v;
    d[o + 1] = (byte) (v >> 8);
  }

  static void putInt32(byte[] d, int o, int v) {
    for (int k = 0; k < 4; k++) {
      d[o + k] = (byte) (v >> (8 * k));
    }
  }

  static void putInt64(byte[] d, int o, long v) {
    for (int k = 0; k < 8; k++) {
      d[o + k] = (byte) (v >> (8 * k));
    }
  }
}
