package dev.rnnx.runtime.backend.nd4j.heap;

final class HeapRecurrent {
  private HeapRecurrent() {}

  static void registerAll(HeapRegistry r) {}
}
