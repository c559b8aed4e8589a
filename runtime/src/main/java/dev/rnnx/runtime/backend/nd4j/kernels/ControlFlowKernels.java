package dev.rnnx.runtime.backend.nd4j.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * If, Loop and Scan: their bodies are compiled once with the node, run as nested programs
 * that read outer-scope values through the scope, and hand their outputs over with a
 * reference each.
 */
final class ControlFlowKernels {
  private ControlFlowKernels() {}

  /** A kernel whose outputs come with one reference each. */
  @FunctionalInterface
  interface OwningKernel extends Kernel {
    @Override
    default boolean returnsReferences() {
      return true;
    }
  }

  static void registerAll(KernelRegistry r) {
    r.add("If", 1, (n, c) -> {
      Subgraph then = c.compile(n.attribute("then_branch").orElseThrow().asGraph());
      Subgraph otherwise = c.compile(n.attribute("else_branch").orElseThrow().asGraph());
      return (OwningKernel) (in, s) -> (NdArrays.booleans(in[0])[0] ? then : otherwise)
          .run(List.of(), s).toArray(INDArray[]::new);
    });
    r.add("Loop", 1, (n, c) -> {
      Subgraph body = c.compile(n.attribute("body").orElseThrow().asGraph());
      return (OwningKernel) (in, s) -> loop(body, in, s);
    });
    r.add("Scan", 8, (n, c) -> {
      Subgraph body = c.compile(n.attribute("body").orElseThrow().asGraph());
      return (OwningKernel) (in, s) -> ScanRunner.batched(n, body, in, s);
    });
    r.add("Scan", 9, (n, c) -> {
      Subgraph body = c.compile(n.attribute("body").orElseThrow().asGraph());
      return (OwningKernel) (in, s) -> new ScanRunner(n, body).run(Arrays.asList(in), s);
    });
  }

  /**
   * Loop: runs the body while the trip count M (if given) is not reached and the condition
   * (if given) holds. Outputs: the final loop-carried values, then each scan output stacked
   * along a new axis 0.
   */
  private static INDArray[] loop(Subgraph body, INDArray[] in, Scope scope) {
    long maxTrips = in[0] == null ? Long.MAX_VALUE : NdArrays.longs(in[0])[0];
    boolean cond = in.length < 2 || in[1] == null || NdArrays.booleans(in[1])[0];
    int carried = in.length - 2;
    int scans = body.outputCount() - 1 - carried;
    List<INDArray> state = new ArrayList<>(Arrays.asList(in).subList(2, in.length));
    state.forEach(scope::retain);
    List<List<INDArray>> scanParts = new ArrayList<>();
    for (int k = 0; k < scans; k++) {
      scanParts.add(new ArrayList<>());
    }
    for (long i = 0; i < maxTrips && cond; i++) {
      List<INDArray> args = new ArrayList<>();
      args.add(NdArrays.of(DataType.LONG, new long[0], new long[] {i}));
      args.add(NdArrays.of(new long[0], new boolean[] {true}));
      args.addAll(state);
      List<INDArray> out = body.run(args, scope);
      state.forEach(scope::release);
      cond = NdArrays.booleans(out.get(0))[0];
      scope.release(out.get(0));
      state = new ArrayList<>(out.subList(1, 1 + carried));
      for (int k = 0; k < scans; k++) {
        scanParts.get(k).add(out.get(1 + carried + k));
      }
    }
    INDArray[] result = new INDArray[carried + scans];
    for (int j = 0; j < carried; j++) {
      result[j] = state.get(j);
    }
    for (int k = 0; k < scans; k++) {
      List<INDArray> parts = scanParts.get(k);
      result[carried + k] = stack(parts, 0);
      scope.retain(result[carried + k]);
      parts.forEach(scope::release);
    }
    return result;
  }

  /** @return the parts (of one shape) stacked along a new axis, or [0] when there are none */
  static INDArray stack(List<INDArray> parts, int axis) {
    if (parts.isEmpty()) {
      return NdArrays.zeros(DataType.FLOAT, 0);
    }
    INDArray[] shaped = new INDArray[parts.size()];
    for (int i = 0; i < shaped.length; i++) {
      long[] s = parts.get(i).shape();
      long[] withAxis = new long[s.length + 1];
      for (int k = 0, j = 0; k < withAxis.length; k++) {
        withAxis[k] = k == axis ? 1 : s[j++];
      }
      shaped[i] = LayoutKernels.reshaped(parts.get(i), withAxis);
    }
    return LayoutKernels.concat(shaped, axis);
  }
}
