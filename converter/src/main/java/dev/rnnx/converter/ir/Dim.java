package dev.rnnx.converter.ir;

/** One dimension of a value's shape: a fixed size, a named symbol, or unknown. */
public sealed interface Dim {
  /** A dimension of known size. */
  record Fixed(long size) implements Dim {
    @Override
    public String toString() {
      return Long.toString(size);
    }
  }

  /** A dimension named by a symbol, e.g. {@code batch}; equal symbols mean equal sizes. */
  record Symbolic(String name) implements Dim {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A dimension about which nothing is known. */
  record Unknown() implements Dim {
    @Override
    public String toString() {
      return "?";
    }
  }

  /** The one unknown dimension. */
  Dim UNKNOWN = new Unknown();

  /**
   * @param size a size, at least 0
   * @return a fixed dimension
   */
  static Dim of(long size) {
    return new Fixed(size);
  }

  /**
   * @param name a symbol
   * @return a symbolic dimension
   */
  static Dim of(String name) {
    return new Symbolic(name);
  }

  /** @return true for a fixed dimension */
  default boolean isFixed() {
    return this instanceof Fixed;
  }

  /** @return the size of a fixed dimension, or -1 */
  default long sizeOrMinusOne() {
    return this instanceof Fixed f ? f.size() : -1;
  }
}
