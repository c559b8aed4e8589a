package dev.rnnx.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks the conversions against the IEEE 754 binary16 and bfloat16 bit patterns. */
class HalfFloatsTest {
  @Test
  void knownHalfPatterns() {
    assertEquals(1.0f, HalfFloats.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, HalfFloats.halfToFloat((short) 0xc000));
    assertEquals(65504f, HalfFloats.halfToFloat((short) 0x7bff));
    assertEquals(0x1p-24f, HalfFloats.halfToFloat((short) 0x0001));
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.halfToFloat((short) 0x7c00));
    assertEquals((short) 0x3555, HalfFloats.floatToHalf(1f / 3));
    assertEquals((short) 0x7c00, HalfFloats.floatToHalf(1e6f));
    assertEquals((short) 0x0001, HalfFloats.floatToHalf(0x1p-24f));
  }

  @Test
  void everyHalfRoundTrips() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = HalfFloats.halfToFloat((short) bits);
      if (!Float.isNaN(f)) {
        assertEquals((short) bits, HalfFloats.floatToHalf(f), Integer.toHexString(bits));
      }
    }
  }

  @Test
  void bfloat16RoundsToNearestEven() {
    assertEquals(1.0f, HalfFloats.bfloat16ToFloat((short) 0x3f80));
    assertEquals((short) 0x3f80, HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f808000)));
    assertEquals((short) 0x3f82, HalfFloats.floatToBfloat16(Float.intBitsToFloat(0x3f818000)));
  }
}
