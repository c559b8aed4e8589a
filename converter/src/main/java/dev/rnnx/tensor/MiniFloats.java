package dev.rnnx.tensor;

/**
 * The 8- and 4-bit float formats of ONNX (float8e4m3fn, float8e4m3fnuz, float8e5m2,
 * float8e5m2fnuz, float8e8m0, float4e2m1), decoded from their bit layouts and encoded by
 * rounding to the nearest representable value (ties to even), saturating at the largest finite.
 */
final class MiniFloats {
  private MiniFloats() {}

  static double decode(ElementType type, int bits) {
    return switch (type) {
      case FLOAT8E4M3FN -> (bits & 0x7f) == 0x7f ? Double.NaN : ieee(bits, 4, 3, 7);
      case FLOAT8E4M3FNUZ -> bits == 0x80 ? Double.NaN : ieee(bits, 4, 3, 8);
      case FLOAT8E5M2 -> decodeE5m2(bits);
      case FLOAT8E5M2FNUZ -> bits == 0x80 ? Double.NaN : ieee(bits, 5, 2, 16);
      case FLOAT8E8M0 -> bits == 0xff ? Double.NaN : Math.scalb(1.0, bits - 127);
      case FLOAT4E2M1 -> ieee(bits, 2, 1, 1);
      default -> throw new IllegalArgumentException(type + " is not a mini float");
    };
  }

  private static double decodeE5m2(int bits) {
    int exp = (bits >> 2) & 0x1f;
    if (exp == 0x1f) {
      return (bits & 3) != 0 ? Double.NaN
          : ((bits & 0x80) != 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return ieee(bits, 5, 2, 15);
  }

  /** Sign bit on top of exponent and mantissa bits, with subnormals at exponent 0. */
  private static double ieee(int bits, int expBits, int mantBits, int bias) {
    int total = 1 + expBits + mantBits;
    boolean negative = ((bits >> (total - 1)) & 1) != 0;
    int exp = (bits >> mantBits) & ((1 << expBits) - 1);
    int mant = bits & ((1 << mantBits) - 1);
    double value = exp == 0
        ? Math.scalb((double) mant, 1 - bias - mantBits)
        : Math.scalb((double) ((1 << mantBits) | mant), exp - bias - mantBits);
    return negative ? -value : value;
  }

  static int encode(ElementType type, double v) {
    int codes = type == ElementType.FLOAT4E2M1 ? 16 : 256;
    if (Double.isNaN(v)) {
      return switch (type) {
        case FLOAT8E4M3FN -> 0x7f;
        case FLOAT8E5M2 -> 0x7f;
        case FLOAT8E8M0 -> 0xff;
        case FLOAT4E2M1 -> 0x7;
        default -> 0x80;
      };
    }
    int best = 0;
    double bestError = Double.POSITIVE_INFINITY;
    for (int bits = 0; bits < codes; bits++) {
      double candidate = decode(type, bits);
      if (Double.isNaN(candidate) || (Double.isInfinite(candidate) && !Double.isInfinite(v))) {
        continue;
      }
      double error = Math.abs(candidate - v);
      if (error < bestError || (error == bestError && (bits & 1) == 0 && (best & 1) != 0)) {
        best = bits;
        bestError = error;
      }
    }
    return best;
  }
}
