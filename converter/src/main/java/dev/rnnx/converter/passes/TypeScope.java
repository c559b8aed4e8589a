package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What shape inference knows of the values visible in one graph, its enclosing graphs' through
 * the parent: types, constant values, and the {@link SymbolicValues} of small integer tensors.
 */
final class TypeScope {
  private final TypeScope parent;
  private final Map<String, ValueType> types = new HashMap<>();
  private final Map<String, Tensor> constants = new HashMap<>();
  private final Map<String, List<Dim>> values = new HashMap<>();

  /** @param parent the enclosing graph's scope, or null for the main graph */
  TypeScope(TypeScope parent) {
    this.parent = parent;
  }

  /** @return the type of a value, or null when unknown */
  ValueType type(String name) {
    for (TypeScope s = this; s != null; s = s.parent) {
      ValueType t = s.types.get(name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** @return the constant value of a value, or null when it is not known to be constant */
  Tensor constant(String name) {
    for (TypeScope s = this; s != null; s = s.parent) {
      Tensor t = s.constants.get(name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** @return the symbolic elements of a small integer value, or null when unknown */
  List<Dim> values(String name) {
    for (TypeScope s = this; s != null; s = s.parent) {
      List<Dim> v = s.values.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Records a value's type (nothing for null). */
  void putType(String name, ValueType type) {
    if (type != null) {
      types.put(name, type);
    }
  }

  /** Records a value as constant, and its elements when it is a small integer tensor. */
  void putConstant(String name, Tensor value) {
    constants.put(name, value);
    List<Dim> v = SymbolicValues.ofConstant(value);
    if (v != null) {
      values.put(name, v);
    }
  }

  /** Records the symbolic elements of a value (nothing for null). */
  void putValues(String name, List<Dim> v) {
    if (v != null) {
      values.put(name, v);
    }
  }
}
