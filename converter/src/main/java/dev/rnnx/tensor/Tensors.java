package dev.rnnx.tensor;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenation and splitting of tensors along an axis, in plain Java byte copies. */
public final class Tensors {
  private Tensors() {}

  /**
   * Joins tensors along one axis; all other dims must be equal.
   *
   * @param parts at least one numeric tensor, all of one type and rank
   * @param axis the axis to join along
   * @return the joined tensor
   */
  public static Tensor concat(List<Tensor> parts, int axis) {
    Tensor first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    long[] shape = first.shape();
    long total = 0;
    for (Tensor t : parts) {
      long[] s = t.shape();
      if (t.type() != first.type() || s.length != shape.length) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "cannot concatenate "
            + t.describe() + " with " + first.describe());
      }
      for (int d = 0; d < s.length; d++) {
        if (d != axis && s[d] != shape[d]) {
          throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "cannot concatenate "
              + t.describe() + " with " + first.describe() + " along axis " + axis);
        }
      }
      total += s[axis];
    }
    long outer = product(shape, 0, axis);
    int elementBytes = elementBytes(first.type());
    long inner = product(shape, axis + 1, shape.length) * elementBytes;
    shape[axis] = total;
    byte[] out = new byte[Math.toIntExact(Tensor.elementCount(shape) * elementBytes)];
    int offset = 0;
    for (long o = 0; o < outer; o++) {
      for (Tensor t : parts) {
        int chunk = Math.toIntExact(t.dim(axis) * inner);
        t.data().position(Math.toIntExact(o * chunk)).get(out, offset, chunk);
        offset += chunk;
      }
    }
    return Tensor.fromBytesOwned(first.type(), shape, out);
  }

  /**
   * Cuts a tensor along one axis into consecutive pieces.
   *
   * @param whole a numeric tensor
   * @param axis the axis to cut
   * @param sizes the length of each piece along the axis; they add up to the axis's size
   * @return the pieces, in order
   */
  public static List<Tensor> split(Tensor whole, int axis, int[] sizes) {
    long[] shape = whole.shape();
    if (Arrays.stream(sizes).asLongStream().sum() != shape[axis]) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "sizes " + Arrays.toString(sizes)
          + " do not add up to axis " + axis + " of " + whole.describe());
    }
    long outer = product(shape, 0, axis);
    int elementBytes = elementBytes(whole.type());
    long inner = product(shape, axis + 1, shape.length) * elementBytes;
    long rowBytes = shape[axis] * inner;
    List<Tensor> pieces = new ArrayList<>();
    long start = 0;
    for (int size : sizes) {
      long[] pieceShape = shape.clone();
      pieceShape[axis] = size;
      int chunk = Math.toIntExact(size * inner);
      byte[] out = new byte[Math.toIntExact(outer * chunk)];
      for (long o = 0; o < outer; o++) {
        whole.data().position(Math.toIntExact(o * rowBytes + start * inner))
            .get(out, Math.toIntExact(o * chunk), chunk);
      }
      pieces.add(Tensor.fromBytesOwned(whole.type(), pieceShape, out));
      start += size;
    }
    return pieces;
  }

  private static int elementBytes(ElementType type) {
    if (type == ElementType.STRING || type.bits() % 8 != 0) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "cannot concatenate or split " + type
          + " tensors");
    }
    return type.bits() / 8;
  }

  private static long product(long[] shape, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }
}
