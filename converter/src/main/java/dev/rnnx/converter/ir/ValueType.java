package dev.rnnx.converter.ir;

import dev.rnnx.tensor.ElementType;

/** The type of a graph value: a tensor, or one of ONNX's non-tensor types. */
public sealed interface ValueType {
  /**
   * A dense tensor.
   *
   * @param elementType its element type
   * @param shape its shape, or null when even the rank is unknown
   */
  record TensorType(ElementType elementType, Shape shape) implements ValueType {
    @Override
    public String toString() {
      return elementType + (shape == null ? "[*]" : shape.toString());
    }
  }

  /**
   * A sparse tensor.
   *
   * @param elementType its element type
   * @param shape its shape, or null when unknown
   */
  record SparseTensorType(ElementType elementType, Shape shape) implements ValueType {
    @Override
    public String toString() {
      return "sparse " + elementType + (shape == null ? "[*]" : shape.toString());
    }
  }

  /**
   * A sequence of values.
   *
   * @param elementType the type of each element, or null when unknown
   */
  record SequenceType(ValueType elementType) implements ValueType {
    @Override
    public String toString() {
      return "seq(" + elementType + ")";
    }
  }

  /**
   * A value that may be absent.
   *
   * @param elementType the type when present, or null when unknown
   */
  record OptionalType(ValueType elementType) implements ValueType {
    @Override
    public String toString() {
      return "optional(" + elementType + ")";
    }
  }

  /**
   * A map from integer or string keys.
   *
   * @param keyType the key element type
   * @param valueType the value type, or null when unknown
   */
  record MapType(ElementType keyType, ValueType valueType) implements ValueType {
    @Override
    public String toString() {
      return "map(" + keyType + ", " + valueType + ")";
    }
  }

  /**
   * An opaque type.
   *
   * @param domain its domain
   * @param name its name
   */
  record OpaqueType(String domain, String name) implements ValueType {}

  /**
   * @param type element type
   * @param shape shape or null
   * @return a tensor type
   */
  static TensorType tensor(ElementType type, Shape shape) {
    return new TensorType(type, shape);
  }
}
