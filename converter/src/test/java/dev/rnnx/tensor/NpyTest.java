package dev.rnnx.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyTest {
  /** Bytes exactly as numpy.save writes np.arange(6, dtype='<f4').reshape(2, 3). */
  private static byte[] numpyFloat2x3() {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n"; // numpy pads to 64
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < 6; i++) {
      b.putFloat(i);
    }
    return b.array();
  }

  @Test
  void readsWhatNumpyWrites() {
    Tensor t = Npy.parse(numpyFloat2x3());
    assertEquals(ElementType.FLOAT, t.type());
    assertArrayEquals(new long[] {2, 3}, t.shape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.toFloatArray());
  }

  @Test
  void writesWhatNumpyWrites() {
    Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
    assertArrayEquals(numpyFloat2x3(), Npy.toBytes(t));
  }

  @Test
  void roundTripsEveryShapeAndType() {
    Tensor[] tensors = {
        Tensor.scalar(7L), Tensor.of(new int[] {1, -2, 3}, 3), Tensor.of(new boolean[] {true,
            false}, 2, 1), Tensor.of(new double[] {1.5, -2.5}, 1, 1, 2),
        Tensor.ofDoubles(ElementType.FLOAT16, new double[] {0.5, -1}, 2),
        Tensor.ofLongs(ElementType.UINT8, new long[] {255, 0}, 2)};
    for (Tensor t : tensors) {
      assertEquals(t, Npy.parse(Npy.toBytes(t)), t.toString());
    }
  }

  @Test
  void readsBigEndian() {
    byte[] bytes = numpyFloat2x3();
    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("'<f4'", "'>f4'");
    byte[] be = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer data = ByteBuffer.wrap(be, 128, 24).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < 6; i++) {
      data.putFloat(i);
    }
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, Npy.parse(be).toFloatArray());
  }

  @Test
  void refusesTruncatedAndForeignFiles() {
    byte[] bytes = numpyFloat2x3();
    RnnxException e = assertThrows(RnnxException.class,
        () -> Npy.parse(java.util.Arrays.copyOf(bytes, bytes.length - 4)));
    assertEquals("data holds 20 bytes, shape [2, 3] of float needs 24", e.getMessage());
    assertThrows(RnnxException.class, () -> Npy.parse("hello".getBytes(StandardCharsets.UTF_8)));
  }
}
