package dev.rnnx.runtime.backend.nd4j.kernels;

/** LSTM, GRU and RNN; every version since 7 shares their semantics (layout arrived in 14). */
final class RecurrentKernels {
  private RecurrentKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("LSTM", 7, LstmKernel::new);
    r.add("GRU", 7, GruKernel::new);
    r.add("RNN", 7, RnnKernel::new);
  }
}
