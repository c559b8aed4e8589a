package dev.rnnx.converter.passes;

import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Assembles a tensor from elements of others, of any byte-aligned or string type: the common
 * step of the kernels that move data (Gather, Slice, Transpose, Concat, Expand, Where).
 */
final class TensorBuilder {
  private final ElementType type;
  private final long[] shape;
  private final int width; // bytes per element; 0 for strings
  private final byte[] bytes;
  private final String[] strings;
  private final Map<Tensor, byte[]> sources = new IdentityHashMap<>(); // each source's bytes

  /**
   * @param type the element type
   * @param shape the shape
   * @throws NotFoldable for sub-byte types, whose elements share bytes
   */
  TensorBuilder(ElementType type, long[] shape) {
    this.type = type;
    this.shape = shape.clone();
    int count = Math.toIntExact(Tensor.elementCount(shape));
    if (type == ElementType.STRING) {
      width = 0;
      bytes = null;
      strings = new String[count];
    } else if (type.bits() % 8 == 0) {
      width = type.bits() / 8;
      bytes = new byte[count * width];
      strings = null;
    } else {
      throw new NotFoldable("moving " + type + " elements");
    }
  }

  /**
   * Copies one element.
   *
   * @param to the flat index here
   * @param from the source tensor, of this element type
   * @param index the flat index there
   */
  void copy(int to, Tensor from, int index) {
    if (strings != null) {
      strings[to] = from.strings().get(index);
    } else {
      System.arraycopy(bytesOf(from), index * width, bytes, to * width, width);
    }
  }

  /**
   * Copies a run of consecutive elements.
   *
   * @param to the first flat index here
   * @param from the source tensor
   * @param index the first flat index there
   * @param count how many
   */
  void copy(int to, Tensor from, int index, int count) {
    if (strings != null) {
      for (int k = 0; k < count; k++) {
        strings[to + k] = from.strings().get(index + k);
      }
    } else {
      System.arraycopy(bytesOf(from), index * width, bytes, to * width, count * width);
    }
  }

  private byte[] bytesOf(Tensor t) {
    return sources.computeIfAbsent(t, Tensor::toBytes);
  }

  /** @return the tensor */
  Tensor build() {
    return strings != null ? Tensor.of(strings, shape) : Tensor.fromBytes(type, shape, bytes);
  }
}
