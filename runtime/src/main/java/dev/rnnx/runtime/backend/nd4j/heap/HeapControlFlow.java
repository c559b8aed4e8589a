package dev.rnnx.runtime.backend.nd4j.heap;

final class HeapControlFlow {
  private HeapControlFlow() {}

  static void registerAll(HeapRegistry r) {}
}
