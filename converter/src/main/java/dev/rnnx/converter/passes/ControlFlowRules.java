package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.ir.ValueType.TensorType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * If, Loop and Scan: their subgraphs are inferred with the types the node feeds them, and
 * their outputs follow from the subgraphs' outputs.
 */
final class ControlFlowRules {
  /** Re-inferences of a loop body before its carried types are given up on. */
  private static final int MAX_ROUNDS = 4;
  private static final ValueType INT64_SCALAR = Dims.tensor(ElementType.INT64, List.of());
  private static final ValueType BOOL_SCALAR = Dims.tensor(ElementType.BOOL, List.of());

  private ControlFlowRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("If", ControlFlowRules::ifRule);
    rules.put("Loop", ControlFlowRules::loop);
    rules.put("Scan", ControlFlowRules::scan);
  }

  private static Graph body(InferenceContext c, String attribute) {
    return c.node().attribute(attribute).map(Attribute::asGraph)
        .orElseThrow(() -> c.fail("needs the '" + attribute + "' attribute"));
  }

  /** A constant condition picks a branch; otherwise what the branches' outputs share. */
  private static List<ValueType> ifRule(InferenceContext c) {
    List<ValueType> then = c.subgraph(body(c, "then_branch"), List.of());
    List<ValueType> otherwise = c.subgraph(body(c, "else_branch"), List.of());
    if (then.size() != otherwise.size()) {
      throw c.fail("the branches have " + then.size() + " and " + otherwise.size()
          + " outputs");
    }
    Tensor cond = c.constant(0);
    if (cond != null && cond.size() == 1) {
      return cond.getDouble(0) != 0 ? then : otherwise;
    }
    List<ValueType> out = new ArrayList<>();
    for (int i = 0; i < then.size(); i++) {
      if (then.get(i) instanceof TensorType a && otherwise.get(i) instanceof TensorType b
          && a.elementType() != b.elementType()) {
        throw c.fail("output " + i + " is " + a + " in one branch and " + b + " in the other");
      }
      out.add(TypeMerge.join(then.get(i), otherwise.get(i)));
    }
    return out;
  }

  /** A body's outputs and the types of the values it carries from iteration to iteration. */
  private record Iteration(List<ValueType> carried, List<ValueType> outputs) {}

  /**
   * Infers a loop body until the carried types are stable: a value whose shape changes from
   * one iteration to the next keeps only what all iterations share.
   *
   * @param before the body inputs before the carried ones
   * @param initial the carried values' initial types
   * @param after the body inputs after the carried ones
   * @param offset where the carried values start among the body outputs
   */
  private static Iteration iterate(InferenceContext c, Graph body, List<ValueType> before,
      List<ValueType> initial, List<ValueType> after, int offset) {
    List<ValueType> carried = initial;
    for (int round = 0; ; round++) {
      List<ValueType> inputs = new ArrayList<>(before);
      inputs.addAll(carried);
      inputs.addAll(after);
      List<ValueType> outputs = c.subgraph(body, inputs);
      if (outputs.size() < offset + carried.size()) {
        throw c.fail("the body has " + outputs.size() + " outputs, too few for "
            + carried.size() + " carried values");
      }
      List<ValueType> next = new ArrayList<>();
      for (int i = 0; i < carried.size(); i++) {
        ValueType joined = TypeMerge.join(carried.get(i), outputs.get(offset + i));
        next.add(round < MAX_ROUNDS ? joined : shapeless(joined));
      }
      if (next.equals(carried)) {
        return new Iteration(carried, outputs);
      }
      carried = next;
    }
  }

  /** @return the element type alone of a tensor type, else null (unknown) */
  private static ValueType shapeless(ValueType t) {
    return t instanceof TensorType tt ? Dims.tensor(tt.elementType(), null) : null;
  }

  /** Loop: inputs (M, cond, v...), body (iter, cond, v...) -> (cond, v..., scan...). */
  private static List<ValueType> loop(InferenceContext c) {
    Graph body = body(c, "body");
    List<ValueType> initial = new ArrayList<>();
    for (int i = 2; i < c.inputCount(); i++) {
      initial.add(c.type(i));
    }
    Iteration it = iterate(c, body, List.of(INT64_SCALAR, BOOL_SCALAR), initial, List.of(), 1);
    Tensor trips = c.constant(0);
    Dim count = trips != null && trips.size() == 1 && !c.has(1)
        ? Dim.of(trips.getLong(0)) : Dim.UNKNOWN;
    List<ValueType> out = new ArrayList<>(it.carried());
    List<ValueType> bodyOut = it.outputs();
    for (int j = 1 + initial.size(); j < bodyOut.size(); j++) {
      out.add(stacked(bodyOut.get(j), count, 0));
    }
    return out;
  }

  /** A per-iteration value stacked along a new axis of size {@code count}. */
  private static ValueType stacked(ValueType element, Dim count, long axis) {
    if (!(element instanceof TensorType t)) {
      return null;
    }
    List<Dim> dims = Dims.of(t);
    if (dims == null) {
      return Dims.tensor(t.elementType(), null);
    }
    List<Dim> out = new ArrayList<>(dims);
    out.add(Dims.axis(axis, dims.size() + 1), count);
    return Dims.tensor(t.elementType(), out);
  }

  /** A type with some dims removed (a scan input's per-iteration slice). */
  private static ValueType without(ValueType type, int... axes) {
    if (!(type instanceof TensorType t)) {
      return null;
    }
    List<Dim> dims = Dims.of(t);
    if (dims == null) {
      return Dims.tensor(t.elementType(), null);
    }
    if (dims.size() < axes.length) {
      throw new IllegalArgumentException("a scan input of shape " + dims + " is too small");
    }
    List<Dim> out = new ArrayList<>(dims);
    int[] sorted = axes.clone();
    Arrays.sort(sorted);
    for (int k = sorted.length - 1; k >= 0; k--) {
      out.remove(sorted[k]);
    }
    return Dims.tensor(t.elementType(), out);
  }

  private static Dim dimOf(ValueType type, int axis) {
    List<Dim> dims = type instanceof TensorType t ? Dims.of(t) : null;
    return dims == null || axis >= dims.size() ? Dim.UNKNOWN : dims.get(axis);
  }

  /**
   * Scan from opset 9: inputs (state..., scan...), body (state..., slice...) -> (state...,
   * scan out...). Scan-8 has a leading sequence_lens input and a batch dim on everything.
   */
  private static List<ValueType> scan(InferenceContext c) {
    Graph body = body(c, "body");
    int scans = (int) c.node().intAttr("num_scan_inputs", 0);
    boolean batched = c.version() < 9;
    int first = batched ? 1 : 0;
    int states = c.inputCount() - first - scans;
    if (scans <= 0 || states < 0) {
      throw c.fail("num_scan_inputs " + scans + " does not fit " + c.inputCount() + " inputs");
    }
    long[] inAxes = c.node().attribute("scan_input_axes").map(a -> a.asInts())
        .orElse(new long[scans]);
    List<ValueType> initial = new ArrayList<>();
    Dim batch = Dim.UNKNOWN;
    for (int i = 0; i < states; i++) {
      ValueType t = c.type(first + i);
      initial.add(batched ? without(t, 0) : t);
      batch = batched && !batch.isFixed() ? dimOf(t, 0) : batch;
    }
    List<ValueType> slices = new ArrayList<>();
    Dim length = Dim.UNKNOWN;
    for (int j = 0; j < scans; j++) {
      ValueType t = c.type(first + states + j);
      List<Dim> dims = t instanceof TensorType tt ? Dims.of(tt) : null;
      if (dims == null) {
        slices.add(t instanceof TensorType tt ? Dims.tensor(tt.elementType(), null) : null);
        continue;
      }
      int axis = batched ? 1 : Dims.axis(inAxes[j], dims.size());
      slices.add(batched ? without(t, 0, 1) : without(t, axis));
      length = length.isFixed() ? length : dimOf(t, axis);
      batch = batched && !batch.isFixed() ? dimOf(t, 0) : batch;
    }
    Iteration it = iterate(c, body, List.of(), initial, slices, 0);
    List<ValueType> out = new ArrayList<>();
    for (ValueType s : it.carried()) {
      out.add(batched ? stacked(s, batch, 0) : s);
    }
    long[] outAxes = c.node().attribute("scan_output_axes").map(a -> a.asInts())
        .orElse(new long[it.outputs().size() - states]);
    for (int j = states; j < it.outputs().size(); j++) {
      ValueType element = it.outputs().get(j);
      out.add(batched ? stacked(stacked(element, length, 0), batch, 0)
          : stacked(element, length, outAxes[j - states]));
    }
    return out;
  }
}
