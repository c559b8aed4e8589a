package dev.rnnx.converter.ir;

/**
 * A named value with what is known of its type.
 *
 * @param name the value's name, unique in its graph
 * @param type its type, or null when nothing is known
 */
public record ValueInfo(String name, ValueType type) {
  /** @return the tensor type, or null when the value is not (known to be) a tensor */
  public ValueType.TensorType tensorType() {
    return type instanceof ValueType.TensorType t ? t : null;
  }

  @Override
  public String toString() {
    return name + ": " + (type == null ? "?" : type);
  }
}
