package dev.rnnx.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {
  @Test
  void concatAlongTheMiddleAxisInterleavesRows() {
    // a [2, 1, 2] = [[[0, 1]], [[2, 3]]], b [2, 2, 2] = [[[10, 11], [12, 13]], [[14, 15], [16, 17]]]
    Tensor a = Tensor.of(new float[] {0, 1, 2, 3}, 2, 1, 2);
    Tensor b = Tensor.of(new float[] {10, 11, 12, 13, 14, 15, 16, 17}, 2, 2, 2);
    Tensor c = Tensors.concat(List.of(a, b), 1);
    assertArrayEquals(new long[] {2, 3, 2}, c.shape());
    assertArrayEquals(new float[] {0, 1, 10, 11, 12, 13, 2, 3, 14, 15, 16, 17}, c.toFloatArray());
    List<Tensor> back = Tensors.split(c, 1, new int[] {1, 2});
    assertEquals(a, back.get(0));
    assertEquals(b, back.get(1));
  }

  @Test
  void splitAlongAxisZeroAndLast() {
    Tensor t = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertEquals(Tensor.of(new long[] {5, 6}, 1, 2), Tensors.split(t, 0, new int[] {2, 1}).get(1));
    assertEquals(Tensor.of(new long[] {2, 4, 6}, 3, 1), Tensors.split(t, 1, new int[] {1, 1})
        .get(1));
  }
}
