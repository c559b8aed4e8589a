package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scan-9+: the body runs once per position of the scan inputs (each sliced along its scan
 * axis, forwards or backwards), carrying state; each scan output is stacked along its axis,
 * in reverse order for a reverse output direction.
 */
final class ScanRunner {
  private final Subgraph body;
  private final int scanInputs;
  private final long[] inputAxes;
  private final long[] inputDirections;
  private final long[] outputAxes;
  private final long[] outputDirections;

  ScanRunner(Node n, Subgraph body) {
    this.body = body;
    this.scanInputs = (int) n.intAttr("num_scan_inputs", 1);
    int scanOutputs = body.outputCount() - (body.inputCount() - scanInputs);
    this.inputAxes = ints(n, "scan_input_axes", scanInputs);
    this.inputDirections = ints(n, n.attribute("directions").isPresent() ? "directions"
        : "scan_input_directions", scanInputs);
    this.outputAxes = ints(n, "scan_output_axes", scanOutputs);
    this.outputDirections = ints(n, "scan_output_directions", scanOutputs);
  }

  private static long[] ints(Node n, String name, int count) {
    return n.attribute(name).map(a -> a.asInts()).orElse(new long[count]);
  }

  /**
   * @param in the initial states, then the scan inputs
   * @param scope the enclosing scope
   * @return the final states, then the scan outputs, each with one reference
   */
  INDArray[] run(List<INDArray> in, Scope scope) {
    return run(in, scope, -1);
  }

  /** Runs with at most {@code length} steps (all when negative). */
  private INDArray[] run(List<INDArray> in, Scope scope, long length) {
    int states = in.size() - scanInputs;
    List<INDArray> state = new ArrayList<>(in.subList(0, states));
    state.forEach(scope::retain);
    int[] axes = new int[scanInputs];
    long steps = length;
    for (int j = 0; j < scanInputs; j++) {
      INDArray x = in.get(states + j);
      axes[j] = NdArrays.axis(inputAxes[j], x.rank());
      steps = length >= 0 ? length : x.shape()[axes[j]];
    }
    int outputs = body.outputCount() - states;
    List<List<INDArray>> parts = new ArrayList<>();
    for (int k = 0; k < outputs; k++) {
      parts.add(new ArrayList<>());
    }
    for (long t = 0; t < steps; t++) {
      List<INDArray> args = new ArrayList<>(state);
      for (int j = 0; j < scanInputs; j++) {
        INDArray x = in.get(states + j);
        long at = inputDirections[j] == 1 ? x.shape()[axes[j]] - 1 - t : t;
        args.add(sliceAt(x, axes[j], at));
      }
      List<INDArray> out = body.run(args, scope);
      state.forEach(scope::release);
      state = new ArrayList<>(out.subList(0, states));
      for (int k = 0; k < outputs; k++) {
        parts.get(k).add(out.get(states + k));
      }
    }
    INDArray[] result = new INDArray[states + outputs];
    for (int j = 0; j < states; j++) {
      result[j] = state.get(j);
    }
    for (int k = 0; k < outputs; k++) {
      List<INDArray> p = new ArrayList<>(parts.get(k));
      if (outputDirections[k] == 1) {
        java.util.Collections.reverse(p);
      }
      int rank = p.isEmpty() ? 1 : p.get(0).rank() + 1;
      result[states + k] = ControlFlowKernels.stack(p, NdArrays.axis(outputAxes[k], rank));
      scope.retain(result[states + k]);
      parts.get(k).forEach(scope::release);
    }
    return result;
  }

  /** @return x at one index of an axis, that axis removed */
  private static INDArray sliceAt(INDArray x, int axis, long index) {
    long[] s = x.shape();
    INDArray one = LayoutKernels.slice(x, new long[] {index}, new long[] {index + 1},
        new long[] {axis}, null);
    long[] rest = new long[s.length - 1];
    for (int k = 0, j = 0; k < s.length; k++) {
      if (k != axis) {
        rest[j++] = s[k];
      }
    }
    return LayoutKernels.reshaped(one, rest);
  }

  /**
   * Scan-8: every input has a batch axis 0 and scans along axis 1; the optional first input
   * holds each batch entry's sequence length. Runs the body per batch entry and stacks the
   * results along axis 0; outputs past an entry's length stay zero.
   */
  static INDArray[] batched(Node n, Subgraph body, INDArray[] in, Scope scope) {
    int scanInputs = (int) n.intAttr("num_scan_inputs", 1);
    int states = in.length - 1 - scanInputs;
    long batch = in[1].shape()[0];
    long[] lens = in[0] == null ? null : NdArrays.longs(in[0]);
    ScanRunner runner = new ScanRunner(n, body);
    List<List<INDArray>> perBatch = new ArrayList<>();
    for (long b = 0; b < batch; b++) {
      List<INDArray> args = new ArrayList<>();
      for (int j = 1; j < in.length; j++) {
        args.add(sliceAt(in[j], 0, b));
      }
      INDArray[] out = runner.run(args, scope, lens == null ? -1 : lens[(int) b]);
      perBatch.add(List.of(out));
    }
    int outputs = body.outputCount();
    long steps = in[1 + states].shape()[1]; // [batch, sequence, ...]
    INDArray[] result = new INDArray[outputs];
    for (int k = 0; k < outputs; k++) {
      List<INDArray> column = new ArrayList<>();
      for (List<INDArray> row : perBatch) {
        column.add(k < states ? row.get(k) : padded(row.get(k), steps));
      }
      result[k] = ControlFlowKernels.stack(column, 0);
      scope.retain(result[k]);
      for (List<INDArray> row : perBatch) {
        scope.release(row.get(k));
      }
    }
    return result;
  }

  /** @return a scan output of a shorter entry, zero-padded along axis 0 to {@code steps} */
  private static INDArray padded(INDArray part, long steps) {
    long missing = steps - part.shape()[0];
    if (missing <= 0) {
      return part;
    }
    long[] pads = new long[2 * part.rank()];
    pads[part.rank()] = missing;
    return PadKernels.pad(part, pads, null, "constant", null);
  }
}
