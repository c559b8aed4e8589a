package dev.rnnx.runtime.backend.nd4j.heap;

/**
 * LSTM, GRU and RNN on the heap path, float32 only; every version since 7 shares their
 * semantics (layout arrived in 14). See {@link HeapRecurrentCell} for how a run is computed.
 */
final class HeapRecurrent {
  private HeapRecurrent() {}

  static void registerAll(HeapRegistry r) {
    r.add("LSTM", 7, HeapLstm::create);
    r.add("GRU", 7, HeapGru::create);
    r.add("RNN", 7, HeapRnn::create);
  }
}
