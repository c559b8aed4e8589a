package dev.rnnx.runtime;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a model input or output holds: a name, an element type and a shape whose dims are
 * fixed sizes or named symbols.
 *
 * @param name the value's name
 * @param type its element type, or null when the model does not say (or it is not a tensor)
 * @param dims its dims: fixed, symbolic or unknown; null when even the rank is unknown
 */
public record TensorSpec(String name, ElementType type, List<Dim> dims) {
  /** Copies the dims. */
  public TensorSpec {
    dims = dims == null ? null : List.copyOf(dims);
  }

  static TensorSpec of(ValueInfo v) {
    if (v.type() instanceof ValueType.TensorType t) {
      Shape s = t.shape();
      return new TensorSpec(v.name(), t.elementType(), s == null ? null : s.dims());
    }
    return new TensorSpec(v.name(), null, null);
  }

  /** @return the fixed sizes, -1 for symbolic or unknown dims; null when the rank is unknown */
  public long[] shape() {
    return dims == null ? null : dims.stream().mapToLong(Dim::sizeOrMinusOne).toArray();
  }

  /** @return e.g. {@code float[batch, 3, 4]} */
  public String describe() {
    String shape = dims == null ? "[*]"
        : dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    return (type == null ? "?" : type.toString()) + shape;
  }

  @Override
  public String toString() {
    return name + ": " + describe();
  }
}
