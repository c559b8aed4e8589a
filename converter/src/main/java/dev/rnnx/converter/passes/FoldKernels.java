package dev.rnnx.converter.passes;

import java.util.HashMap;
import java.util.Map;

/** The {@link FoldKernel} of each default-domain operator constant folding evaluates. */
final class FoldKernels {
  private static final Map<String, FoldKernel> KERNELS = new HashMap<>();

  static {
    ArithmeticKernels.register(KERNELS);
    LayoutKernels.register(KERNELS);
    GeneratorKernels.register(KERNELS);
    ReductionKernels.register(KERNELS);
  }

  private FoldKernels() {}

  /**
   * @param opType a default-domain operator
   * @return its kernel, or null when folding leaves the operator alone
   */
  static FoldKernel of(String opType) {
    return KERNELS.get(opType);
  }
}
