package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reductions over axes: the Reduce* family, ArgMax and ArgMin. */
final class ReductionRules {
  private static final List<String> REDUCE = List.of("ReduceL1", "ReduceL2", "ReduceLogSum",
      "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum",
      "ReduceSumSquare");

  private ReductionRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    REDUCE.forEach(op -> rules.put(op, c -> ShapeRule.of(Dims.tensor(c.elem(0), reduce(c)))));
    for (String op : List.of("ArgMax", "ArgMin")) {
      rules.put(op, c -> ShapeRule.of(Dims.tensor(ElementType.INT64, argReduce(c))));
    }
  }

  /**
   * @param op a Reduce* operator
   * @param version its version in effect
   * @return true when its axes come as the second input (ReduceSum from 13, the rest from 18)
   */
  static boolean axesAsInput(String op, long version) {
    return version >= (op.equals("ReduceSum") ? 13 : 18);
  }

  private static List<Dim> reduce(InferenceContext c) {
    List<Dim> in = c.dims(0);
    Node n = c.node();
    boolean keep = n.intAttr("keepdims", 1) == 1;
    long[] axes;
    if (axesAsInput(n.opType(), c.version())) {
      axes = c.has(1) ? c.longs(1) : new long[0];
      if (axes == null) { // not constant: which dims go is unknown
        return keep && in != null ? Dims.unknown(in.size()) : null;
      }
      if (axes.length == 0 && n.intAttr("noop_with_empty_axes", 0) == 1) {
        return in;
      }
    } else {
      axes = n.attribute("axes").map(a -> a.asInts()).orElse(new long[0]);
    }
    if (in == null) {
      return null;
    }
    boolean[] reduced = new boolean[in.size()];
    for (long a : axes) {
      reduced[Dims.axis(a, in.size())] = true;
    }
    List<Dim> out = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      if (axes.length == 0 || reduced[k]) {
        if (keep) {
          out.add(Dim.of(1));
        }
      } else {
        out.add(in.get(k));
      }
    }
    return out;
  }

  private static List<Dim> argReduce(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return null;
    }
    int axis = Dims.axis(c.node().intAttr("axis", 0), in.size());
    List<Dim> out = new ArrayList<>(in);
    if (c.node().intAttr("keepdims", 1) == 1) {
      out.set(axis, Dim.of(1));
    } else {
      out.remove(axis);
    }
    return out;
  }
}
