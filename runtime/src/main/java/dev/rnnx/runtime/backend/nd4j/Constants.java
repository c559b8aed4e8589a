package dev.rnnx.runtime.backend.nd4j;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The constant values of a graph (initializers, Constant nodes, weights kernels re-laid out),
 * converted once at compile time, and those of the graphs around it. Their buffers are pinned:
 * runs never free them; {@link #close} does, with the compiled model.
 */
final class Constants {
  private final Constants parent;
  private final Map<String, INDArray> values = new HashMap<>();
  private final Set<DataBuffer> pinned;

  private Constants(Constants parent, Set<DataBuffer> pinned) {
    this.parent = parent;
    this.pinned = pinned;
  }

  /** @return an empty root scope */
  static Constants root() {
    return new Constants(null, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** @return a scope for a subgraph, seeing this one's constants */
  Constants child() {
    return new Constants(this, pinned);
  }

  /** @return the value, pinned */
  INDArray pin(INDArray value) {
    DataBuffer b = Buffers.root(value);
    if (b != null) {
      pinned.add(b);
    }
    return value;
  }

  void put(String name, INDArray value) {
    values.put(name, pin(value));
  }

  /** @return the constant of that name here or in an enclosing graph */
  Optional<INDArray> find(String name) {
    INDArray v = values.get(name);
    if (v != null) {
      return Optional.of(v);
    }
    return parent == null ? Optional.empty() : parent.find(name);
  }

  /** @return the buffers no run may free */
  Set<DataBuffer> pinned() {
    return pinned;
  }

  /** Frees every pinned buffer; only the root scope's owner calls this. */
  void close() {
    for (DataBuffer b : pinned) {
      if (b.closeable() && !b.wasClosed()) {
        b.close();
      }
    }
    pinned.clear();
  }
}
