package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.KernelRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operators the heap path implements, keyed by the opset version their semantics start at
 * (looked up with {@code floorEntry}). A factory may decline a node whose attributes or types
 * it does not cover by returning null: the whole graph then runs on the ND4J kernels.
 */
final class HeapRegistry {
  /** Builds the kernel of one node, or declines it. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param node the node
     * @param ctx constants, declared types and subgraph compilation
     * @return the kernel, or null when the heap path does not cover this node
     */
    HeapKernel create(Node node, HeapContext ctx);
  }

  private final Map<String, TreeMap<Long, Factory>> factories = new HashMap<>();

  /** @return the registry with every family registered */
  static HeapRegistry standard() {
    HeapRegistry r = new HeapRegistry();
    HeapElementwise.registerAll(r);
    HeapShapes.registerAll(r);
    HeapControlFlow.registerAll(r);
    HeapRecurrent.registerAll(r);
    HeapLinear.registerAll(r);
    return r;
  }

  /** Registers an implementation for operator {@code op} from opset {@code since}. */
  void add(String op, long since, Factory factory) {
    factories.computeIfAbsent(op, k -> new TreeMap<>()).put(since, factory);
  }

  /** @return the factory for the node at the opset, or empty when there is none */
  Optional<Factory> find(Node node, long opset) {
    return KernelRegistry.find(factories, node, opset);
  }

}
