package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.ir.ValueType.OptionalType;
import dev.rnnx.converter.ir.ValueType.SequenceType;
import dev.rnnx.converter.ir.ValueType.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Combines two things known of one value's type. */
final class TypeMerge {
  private TypeMerge() {}

  /**
   * What both say of one value: a declared type refined by an inferred one. A fixed dim beats a
   * symbolic one, a symbolic one an unknown one; of two symbols the declared one stays.
   *
   * @param declared what the model declares, or null
   * @param inferred what inference found, or null
   * @return the combination, or null when neither says anything
   * @throws IllegalArgumentException when they contradict each other (element types, ranks or
   *     fixed dims differ)
   */
  static ValueType refine(ValueType declared, ValueType inferred) {
    if (declared == null) {
      return inferred;
    }
    if (inferred == null) {
      return declared;
    }
    if (declared instanceof TensorType d && inferred instanceof TensorType i) {
      if (d.elementType() != i.elementType()) {
        throw contradiction(declared, inferred);
      }
      List<Dim> a = Dims.of(d);
      List<Dim> b = Dims.of(i);
      if (a == null || b == null) {
        return a == null ? inferred : declared;
      }
      if (a.size() != b.size()) {
        throw contradiction(declared, inferred);
      }
      List<Dim> dims = new ArrayList<>();
      for (int k = 0; k < a.size(); k++) {
        Dim x = a.get(k);
        Dim y = b.get(k);
        if (x.isFixed() && y.isFixed() && !x.equals(y)) {
          throw contradiction(declared, inferred);
        }
        dims.add(x.isFixed() || y instanceof Dim.Unknown ? x : y.isFixed() ? y
            : x instanceof Dim.Symbolic ? x : y);
      }
      return Dims.tensor(d.elementType(), dims);
    }
    if (declared instanceof SequenceType d && inferred instanceof SequenceType i) {
      return new SequenceType(refine(d.elementType(), i.elementType()));
    }
    if (declared instanceof OptionalType d && inferred instanceof OptionalType i) {
      return new OptionalType(refine(d.elementType(), i.elementType()));
    }
    if (declared.getClass() != inferred.getClass()) {
      throw contradiction(declared, inferred);
    }
    return declared;
  }

  private static IllegalArgumentException contradiction(ValueType declared, ValueType inferred) {
    return new IllegalArgumentException("declared " + declared + " but inferred " + inferred);
  }

  /**
   * What holds of a value that has one type or the other (the two branches of an If, a loop
   * value before and after an iteration): what they share, unknown where they differ.
   *
   * @param a one type, or null
   * @param b the other, or null
   * @return the common part, or null when nothing is common
   */
  static ValueType join(ValueType a, ValueType b) {
    if (a == null || b == null) {
      return null;
    }
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof TensorType x && b instanceof TensorType y) {
      if (x.elementType() != y.elementType()) {
        return null;
      }
      List<Dim> p = Dims.of(x);
      List<Dim> q = Dims.of(y);
      if (p == null || q == null || p.size() != q.size()) {
        return Dims.tensor(x.elementType(), null);
      }
      List<Dim> dims = new ArrayList<>();
      for (int k = 0; k < p.size(); k++) {
        dims.add(p.get(k).equals(q.get(k)) ? p.get(k) : Dim.UNKNOWN);
      }
      return Dims.tensor(x.elementType(), dims);
    }
    if (a instanceof SequenceType x && b instanceof SequenceType y) {
      return new SequenceType(join(x.elementType(), y.elementType()));
    }
    if (a instanceof OptionalType x && b instanceof OptionalType y) {
      return new OptionalType(join(x.elementType(), y.elementType()));
    }
    return null;
  }
}
