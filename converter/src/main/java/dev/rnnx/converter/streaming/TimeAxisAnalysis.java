package dev.rnnx.converter.streaming;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds which graph inputs carry the time axis into the recurrences (and on which axis), then
 * checks that every node between those inputs, the recurrences and the outputs keeps time steps
 * apart, so that feeding one frame at a time computes what one run over the whole sequence does.
 */
final class TimeAxisAnalysis {
  private final Graph graph;
  private final Map<String, Node> producers;
  private final Map<String, List<Node>> consumers = new HashMap<>();
  private final Set<String> staticValues = new HashSet<>(); // constants and shape arithmetic

  TimeAxisAnalysis(Graph graph) {
    this.graph = graph;
    this.producers = graph.producers();
    for (Node n : graph.nodes()) {
      n.inputs().stream().filter(i -> !i.isEmpty()).distinct()
          .forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
      boolean isStatic = n.opType().equals("Shape") || n.opType().equals("Size")
          || n.inputs().stream().allMatch(i -> i.isEmpty() || isStatic(i));
      if (isStatic && n.subgraphs().isEmpty()) {
        n.outputs().forEach(staticValues::add);
      }
    }
  }

  private boolean isStatic(String value) {
    return graph.initializers().containsKey(value) && graph.input(value).isEmpty()
        || staticValues.contains(value);
  }

  /**
   * @return the time axis of each graph input that feeds a recurrence
   * @throws RnnxException (UNSUPPORTED) naming the node that mixes time steps
   */
  Map<String, Integer> timeInputs() {
    Map<String, Integer> found = new LinkedHashMap<>();
    for (Node n : graph.nodes()) {
      Optional<Recurrence> r = Recurrence.of(n);
      if (r.isPresent()) {
        for (Recurrence.Slot in : r.get().sequenceInputs()) {
          trace(n.inputs().get(in.index()), in.axis(), n, found, new HashSet<>());
        }
      }
    }
    return found;
  }

  private void trace(String value, int axis, Node recurrence, Map<String, Integer> found,
      Set<String> seen) {
    if (!seen.add(value + "@" + axis)) {
      return;
    }
    Node p = producers.get(value);
    if (p == null) {
      if (graph.input(value).isPresent() && !isStatic(value)) {
        Integer before = found.put(value, axis);
        if (before != null && before != axis) {
          throw unsupported("input '" + value + "' reaches the recurrences with its time on"
              + " axis " + before + " and on axis " + axis);
        }
      }
      return;
    }
    Optional<Recurrence> upstream = Recurrence.of(p);
    if (upstream.isPresent()) {
      int index = p.outputs().indexOf(value);
      if (upstream.get().outputAxis(index) != axis) {
        throw unsupported("the recurrence " + recurrence.describe() + " reads '" + value
            + "' of " + p.describe() + " other than as a sequence output with time on axis "
            + axis);
      }
      return; // a stacked layer: its own inputs are traced as a recurrence of its own
    }
    TimeAxisRules.Rule rule = TimeAxisRules.of(p);
    boolean any = false;
    for (int i = 0; i < p.inputs().size(); i++) {
      String in = p.inputs().get(i);
      if (in.isEmpty() || isStatic(in)) {
        continue;
      }
      int rank = TimeAxisRules.rank(graph, in);
      int matched = -1;
      for (int a = 0; rule != null && a < Math.max(rank, 1); a++) {
        OptionalInt out = rule.outputAxis(p, i, a, graph);
        if (out.isPresent() && out.getAsInt() == axis) {
          matched = a;
          break;
        }
      }
      if (matched < 0) {
        throw unsupported("node " + p.describe() + " mixes time steps before the recurrence "
            + recurrence.describe() + ": it cannot be fed one frame at a time");
      }
      any = true;
      trace(in, matched, recurrence, found, seen);
    }
    if (!any && rule == null) {
      throw unsupported("node " + p.describe() + " feeds the recurrence "
          + recurrence.describe() + " and has no streaming rule");
    }
  }

  /**
   * Follows time-carrying values from the inputs and the recurrences' Y outputs to the graph
   * outputs and checks each node on the way keeps time steps apart.
   *
   * @param timeInputs the time axis of each time-carrying graph input
   * @return the time axis of every time-carrying value, the inputs included
   */
  Map<String, Integer> checkDownstream(Map<String, Integer> timeInputs) {
    Deque<Map.Entry<String, Integer>> work = new ArrayDeque<>(timeInputs.entrySet());
    Map<String, Integer> axes = new HashMap<>(timeInputs);
    while (!work.isEmpty()) {
      Map.Entry<String, Integer> e = work.poll();
      for (Node c : consumers.getOrDefault(e.getKey(), List.of())) {
        for (Map.Entry<String, Integer> out : propagate(c, e.getKey(), e.getValue())
            .entrySet()) {
          Integer before = axes.putIfAbsent(out.getKey(), out.getValue());
          if (before == null) {
            work.add(out);
          }
        }
      }
    }
    return axes;
  }

  private Map<String, Integer> propagate(Node c, String value, int axis) {
    Map<String, Integer> outs = new LinkedHashMap<>();
    Optional<Recurrence> recurrence = Recurrence.of(c);
    if (recurrence.isPresent()) {
      for (int i = 0; i < c.inputs().size(); i++) {
        if (c.inputs().get(i).equals(value) && recurrence.get().inputAxis(i) != axis) {
          throw unsupported("node " + c.describe() + " receives time-carrying value '" + value
              + "' other than as a sequence input with time on axis " + axis);
        }
      }
      for (Recurrence.Slot out : recurrence.get().sequenceOutputs()) {
        c.output(out.index()).ifPresent(y -> outs.put(y, out.axis()));
      }
      return outs;
    }
    if (c.opType().equals("Shape") || c.opType().equals("Size")) {
      return outs;
    }
    TimeAxisRules.Rule rule = TimeAxisRules.of(c);
    int index = c.inputs().indexOf(value);
    OptionalInt out = rule == null ? OptionalInt.empty() : rule.outputAxis(c, index, axis, graph);
    if (out.isEmpty()) {
      throw unsupported("node " + c.describe() + " mixes time steps (axis " + axis + " of '"
          + value + "'): it cannot be fed one frame at a time");
    }
    c.outputs().stream().filter(o -> !o.isEmpty()).forEach(o -> outs.put(o, out.getAsInt()));
    return outs;
  }

  private static RnnxException unsupported(String message) {
    return new RnnxException(ErrorCode.UNSUPPORTED, message);
  }
}
