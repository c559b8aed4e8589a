package dev.rnnx.tensor;

import java.util.Arrays;

/**
 * Fills a new numeric tensor element by element, then hands it over once with {@link #build()}.
 * For kernels and readers that compute values one at a time.
 */
public final class TensorWriter {
  private final ElementType type;
  private final long[] shape;
  private byte[] data; // little-endian, packed; null once built

  /**
   * Starts a zero-filled tensor.
   *
   * @param type any type but STRING
   * @param shape dims
   */
  public TensorWriter(ElementType type, long... shape) {
    if (type == ElementType.STRING) {
      throw new IllegalArgumentException("use Tensor.of(String[], ...) for strings");
    }
    this.type = type;
    this.shape = shape.clone();
    this.data = new byte[Tensor.byteSize(type, this.shape)];
  }

  /**
   * Sets one element, converting as a C cast would.
   *
   * @param index row-major flat index
   * @param value the value
   * @return this writer
   */
  public TensorWriter setDouble(int index, double value) {
    ElementCodec.writeDouble(type, live(), index, value);
    return this;
  }

  /**
   * Sets one element from an integer value.
   *
   * @param index row-major flat index
   * @param value the value
   * @return this writer
   */
  public TensorWriter setLong(int index, long value) {
    ElementCodec.writeLong(type, live(), index, value);
    return this;
  }

  /** @return the finished tensor; the writer cannot be used afterwards */
  public Tensor build() {
    byte[] done = live();
    data = null;
    return Tensor.fromBytesOwned(type, shape, done);
  }

  private byte[] live() {
    if (data == null) {
      throw new IllegalStateException("tensor " + type + Arrays.toString(shape) + " already built");
    }
    return data;
  }
}
