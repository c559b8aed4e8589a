package dev.rnnx.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import org.junit.jupiter.api.Test;

/** Element counts and byte sizes are bounded before any array is allocated. */
class TensorSizeTest {
  @Test
  void byteSizeRoundsSubByteTypesUp() {
    assertEquals(24, Tensor.byteSize(ElementType.FLOAT, new long[] {2, 3}));
    assertEquals(2, Tensor.byteSize(ElementType.INT4, new long[] {3}));
    assertEquals(1, Tensor.byteSize(ElementType.INT2, new long[] {4}));
    assertEquals(0, Tensor.byteSize(ElementType.DOUBLE, new long[] {5, 0}));
  }

  @Test
  void moreBytesThanOneArrayHoldsIsAnInvalidArgument() {
    RnnxException e = assertThrows(RnnxException.class,
        () -> Tensor.byteSize(ElementType.FLOAT, new long[] {1 << 30}));
    assertEquals(RnnxException.ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals("float[1073741824] takes 4294967296 bytes, more than one array holds"
        + " (2147483639)", e.getMessage());
    long[] largest = {Tensor.MAX_BYTES};
    assertEquals(Tensor.MAX_BYTES, Tensor.byteSize(ElementType.UINT8, largest));
  }

  @Test
  void writersAndZerosRefuseOversizedShapesWithoutArithmeticErrors() {
    // these used Math.toIntExact and threw ArithmeticException
    RnnxException w = assertThrows(RnnxException.class,
        () -> new TensorWriter(ElementType.DOUBLE, 1 << 29));
    assertEquals(RnnxException.ErrorCode.INVALID_ARGUMENT, w.code());
    RnnxException z = assertThrows(RnnxException.class,
        () -> Tensor.zeros(ElementType.INT64, 65536, 32768));
    assertEquals(RnnxException.ErrorCode.INVALID_ARGUMENT, z.code());
  }
}
