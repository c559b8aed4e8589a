package dev.rnnx.runtime;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks inputs before they reach native code: every name known, every required input given,
 * element types equal, ranks and fixed dims equal, and each symbolic dim the same size in every
 * input that names it.
 */
final class InputChecker {
  private final Map<String, TensorSpec> accepted; // every input the caller may feed
  private final List<TensorSpec> required; // inputs without an initializer default

  InputChecker(List<TensorSpec> accepted, List<TensorSpec> required) {
    this.accepted = accepted.stream().collect(Collectors.toMap(TensorSpec::name, s -> s,
        (a, b) -> a, java.util.LinkedHashMap::new));
    this.required = List.copyOf(required);
  }

  List<TensorSpec> required() {
    return required;
  }

  void check(Map<String, Tensor> inputs) {
    for (String name : inputs.keySet()) {
      if (!accepted.containsKey(name)) {
        throw new IllegalArgumentException("unknown input '" + name + "' (the model's inputs: "
            + String.join(", ", accepted.keySet()) + ")");
      }
    }
    for (TensorSpec spec : required) {
      if (!inputs.containsKey(spec.name())) {
        throw new IllegalArgumentException("missing input '" + spec.name() + "' ("
            + spec.describe() + ")");
      }
    }
    Map<String, Long> symbols = new HashMap<>();
    Map<String, String> symbolSource = new HashMap<>();
    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
      TensorSpec spec = accepted.get(e.getKey());
      Tensor t = e.getValue();
      if (t == null) {
        throw new IllegalArgumentException("input '" + e.getKey() + "' is null");
      }
      if (spec.type() != null && spec.type() != t.type()) {
        throw new IllegalArgumentException("input '" + spec.name() + "' expects "
            + spec.describe() + ", got " + t.describe() + " (wrong element type)");
      }
      if (spec.dims() == null) {
        continue;
      }
      if (spec.dims().size() != t.rank()) {
        throw new IllegalArgumentException("input '" + spec.name() + "' expects "
            + spec.describe() + " (rank " + spec.dims().size() + "), got " + t.describe());
      }
      for (int axis = 0; axis < t.rank(); axis++) {
        Dim d = spec.dims().get(axis);
        long given = t.dim(axis);
        if (d instanceof Dim.Fixed f && f.size() != given) {
          throw new IllegalArgumentException("input '" + spec.name() + "' expects "
              + spec.describe() + ", got " + t.describe() + " (axis " + axis + " must be "
              + f.size() + ")");
        }
        if (d instanceof Dim.Symbolic s) {
          Long seen = symbols.putIfAbsent(s.name(), given);
          symbolSource.putIfAbsent(s.name(), spec.name());
          if (seen != null && seen != given) {
            throw new IllegalArgumentException("input '" + spec.name() + "' has " + s.name()
                + " = " + given + " (shape " + Arrays.toString(t.shape()) + ") but input '"
                + symbolSource.get(s.name()) + "' has " + s.name() + " = " + seen);
          }
        }
      }
    }
  }
}
