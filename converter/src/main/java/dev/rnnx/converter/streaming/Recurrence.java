package dev.rnnx.converter.streaming;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node that runs over the time axis carrying state: LSTM, GRU, RNN, or Scan. Says which of
 * its inputs and outputs are sequences (and on which axis time runs) and which input/output
 * slots hold the initial and final states.
 *
 * @param node the node
 * @param sequenceInputs input index and time axis of each sequence input
 * @param sequenceOutputs output index and time axis of each sequence output
 * @param stateSlots input index of each initial state and output index of its final value
 */
record Recurrence(Node node, List<Slot> sequenceInputs, List<Slot> sequenceOutputs,
    List<StateSlot> stateSlots) {

  /** A position in a node's inputs or outputs, and the time axis there. */
  record Slot(int index, int axis) {}

  /** Where an initial state goes in and its final value comes out. */
  record StateSlot(int input, int output, String name) {}

  /**
   * @param n a node of the main graph
   * @return its recurrence description, or empty when it does not run over time
   * @throws RnnxException (UNSUPPORTED) naming the node when it runs over time in a way that
   *     cannot be fed one frame at a time
   */
  static Optional<Recurrence> of(Node n) {
    if (!n.domain().equals(Node.DEFAULT_DOMAIN)) {
      return Optional.empty();
    }
    return switch (n.opType()) {
      case "LSTM", "GRU", "RNN" -> Optional.of(recurrentLayer(n));
      case "Scan" -> Optional.of(scan(n));
      default -> Optional.empty();
    };
  }

  private static Recurrence recurrentLayer(Node n) {
    String direction = n.stringAttr("direction", "forward");
    if (!direction.equals("forward")) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "node " + n.describe() + " runs "
          + direction + ": a " + direction + " recurrence needs the whole sequence before"
          + " its first output, so it cannot be fed one frame at a time");
    }
    if (n.intAttr("layout", 0) != 0) {
      throw new IllegalStateException("node " + n.describe()
          + " is batch-major; normalize the layout before streaming");
    }
    List<StateSlot> states = new ArrayList<>(List.of(new StateSlot(5, 1, "h")));
    if (n.opType().equals("LSTM")) {
      states.add(new StateSlot(6, 2, "c"));
    }
    return new Recurrence(n, List.of(new Slot(0, 0)), List.of(new Slot(0, 0)), states);
  }

  private static Recurrence scan(Node n) {
    if (n.attribute("num_scan_inputs").isEmpty()) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "node " + n.describe()
          + " has no num_scan_inputs attribute");
    }
    int scanInputs = (int) n.intAttr("num_scan_inputs", 0);
    int states = n.inputs().size() - scanInputs;
    if (n.subgraphs().isEmpty() || states < 0) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "node " + n.describe()
          + " is not a Scan of opset 9 or later");
    }
    long[] inAxes = n.attribute("scan_input_axes").map(a -> a.asInts()).orElse(new long[0]);
    long[] outAxes = n.attribute("scan_output_axes").map(a -> a.asInts()).orElse(new long[0]);
    long[] inDirections = n.attribute("scan_input_directions").map(a -> a.asInts())
        .orElse(new long[0]);
    long[] outDirections = n.attribute("scan_output_directions").map(a -> a.asInts())
        .orElse(new long[0]);
    for (long d : concat(inDirections, outDirections)) {
      if (d != 0) {
        throw new RnnxException(ErrorCode.UNSUPPORTED, "node " + n.describe() + " scans in"
            + " reverse: it needs the whole sequence first, so it cannot be fed one frame at a"
            + " time");
      }
    }
    List<Slot> sequenceInputs = new ArrayList<>();
    for (int j = 0; j < scanInputs; j++) {
      sequenceInputs.add(new Slot(states + j, j < inAxes.length ? (int) inAxes[j] : 0));
    }
    List<Slot> sequenceOutputs = new ArrayList<>();
    for (int k = states; k < n.outputs().size(); k++) {
      int j = k - states;
      sequenceOutputs.add(new Slot(k, j < outAxes.length ? (int) outAxes[j] : 0));
    }
    List<StateSlot> slots = new ArrayList<>();
    for (int i = 0; i < states; i++) {
      slots.add(new StateSlot(i, i, "state" + i));
    }
    return new Recurrence(n, sequenceInputs, sequenceOutputs, slots);
  }

  private static long[] concat(long[] a, long[] b) {
    long[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** @return the time axis of the given input, or -1 when it is not a sequence input */
  int inputAxis(int index) {
    return sequenceInputs.stream().filter(s -> s.index() == index).mapToInt(Slot::axis)
        .findFirst().orElse(-1);
  }

  /** @return the time axis of the given output, or -1 when it is not a sequence output */
  int outputAxis(int index) {
    return sequenceOutputs.stream().filter(s -> s.index() == index).mapToInt(Slot::axis)
        .findFirst().orElse(-1);
  }
}
