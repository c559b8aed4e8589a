package dev.rnnx.converter.streaming;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a whole-sequence model so it can be fed one frame at a time: each LSTM, GRU, RNN and
 * Scan node of the main graph gets its initial states from new graph inputs and hands its final
 * states to new graph outputs, which become the session's state pairs. Feeding T frames of
 * length 1 then computes what one run over T frames does.
 */
public final class Streamifier {
  private Streamifier() {}

  /**
   * The state pairs streaming made, and for each state input fed by a recurrence whose
   * {@code sequence_lens} is a graph input, that input: rows whose length is 0 in a frame have
   * ended and keep their state.
   *
   * @param pairs the new state pairs, in node order
   * @param sequenceLens state input name to the graph input holding its sequence lengths
   */
  public record Streamed(List<StatePair> pairs, Map<String, String> sequenceLens) {}

  /**
   * Rewrites the graph in place. Expects sequence-major recurrences (layout 0) and run after
   * shape inference, so that ranks are known; run dead-node elimination afterwards to drop the
   * nodes that used to compute the initial states.
   *
   * @param graph the main graph
   * @return the new state pairs and their sequence_lens inputs
   * @throws RnnxException (UNSUPPORTED) naming the node and the reason when the model cannot
   *     be streamed: no recurrence, a reverse or bidirectional one, or an op that mixes time
   *     steps
   */
  public static Streamed streamify(Graph graph) {
    List<Recurrence> recurrences = graph.nodes().stream().map(Recurrence::of)
        .flatMap(Optional::stream).toList();
    if (recurrences.isEmpty()) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "the model has no state inputs and no"
          + " LSTM, GRU, RNN or Scan node in its main graph to stream; pair its states"
          + " explicitly");
    }
    TimeAxisAnalysis analysis = new TimeAxisAnalysis(graph);
    Map<String, Integer> timeAxes = analysis.checkDownstream(analysis.timeInputs());
    Set<String> names = allNames(graph);
    List<StatePair> pairs = new ArrayList<>();
    Map<String, String> sequenceLens = new java.util.LinkedHashMap<>();
    int index = 0;
    for (Recurrence r : recurrences) {
      Node n = r.node();
      String prefix = unique(names, n.name().isEmpty() ? n.opType() + "_" + index : n.name());
      index++;
      List<StatePair> made = rewrite(graph, r, prefix, names);
      if (!n.opType().equals("Scan")) {
        n.input(4).filter(lens -> graph.input(lens).isPresent())
            .ifPresent(lens -> made.forEach(p -> sequenceLens.put(p.input(), lens)));
      }
      pairs.addAll(made);
    }
    relaxTimeDims(graph, timeAxes);
    return new Streamed(pairs, sequenceLens);
  }

  private static List<StatePair> rewrite(Graph graph, Recurrence r, String prefix,
      Set<String> names) {
    Node node = r.node();
    List<String> inputs = new ArrayList<>(node.inputs());
    List<String> outputs = new ArrayList<>(node.outputs());
    List<StatePair> pairs = new ArrayList<>();
    for (Recurrence.StateSlot slot : r.stateSlots()) {
      while (inputs.size() <= slot.input()) {
        inputs.add("");
      }
      while (outputs.size() <= slot.output()) {
        outputs.add("");
      }
      String initial = inputs.get(slot.input());
      ValueType type = node.opType().equals("Scan")
          ? graph.typeOf(initial).orElse(null) : layerStateType(graph, node);
      String stateIn;
      if (!initial.isEmpty() && graph.input(initial).isPresent()) {
        stateIn = initial; // a graph input already feeds the initial state: it becomes state
      } else {
        stateIn = unique(names, prefix + ".initial_" + slot.name());
        Tensor modelInitial = graph.initializers().get(initial);
        if (modelInitial != null) {
          graph.initializers().put(stateIn, modelInitial); // the model's own initial value
        }
        graph.inputs().add(new ValueInfo(stateIn, type));
        inputs.set(slot.input(), stateIn);
      }
      String stateOut = outputs.get(slot.output());
      if (stateOut.isEmpty()) {
        stateOut = unique(names, prefix + ".final_" + slot.name());
        outputs.set(slot.output(), stateOut);
      }
      String out = stateOut;
      if (graph.outputs().stream().noneMatch(o -> o.name().equals(out))) {
        graph.outputs().add(new ValueInfo(stateOut, type));
      }
      pairs.add(new StatePair(stateIn, stateOut));
    }
    int at = graph.nodes().indexOf(node);
    graph.nodes().set(at, node.withInputs(inputs).withOutputs(outputs));
    return pairs;
  }

  /**
   * A frame holds any number of time steps (usually one): the time dim of every time-carrying
   * graph input and output becomes the symbol {@code time}, and inferred intermediate types,
   * computed for the whole sequence, are dropped for shape inference to redo.
   */
  private static void relaxTimeDims(Graph graph, Map<String, Integer> axes) {
    graph.inputs().replaceAll(v -> relax(v, axes.get(v.name())));
    graph.outputs().replaceAll(v -> relax(v, axes.get(v.name())));
    graph.valueTypes().clear();
  }

  private static ValueInfo relax(ValueInfo v, Integer axis) {
    ValueType.TensorType t = v.tensorType();
    if (axis == null || t == null || t.shape() == null || axis >= t.shape().rank()) {
      return v;
    }
    List<Dim> dims = new ArrayList<>(t.shape().dims());
    dims.set(axis, Dim.of("time"));
    return new ValueInfo(v.name(), ValueType.tensor(t.elementType(), new Shape(dims)));
  }

  /** [num_directions, batch, hidden], batch taken from X's shape (layout 0: X [seq, batch, in]). */
  private static ValueType.TensorType layerStateType(Graph graph, Node n) {
    long hidden = n.intAttr("hidden_size", -1);
    Dim batch = graph.typeOf(n.inputs().get(0))
        .filter(t -> t instanceof ValueType.TensorType tt && tt.shape() != null
            && tt.shape().rank() == 3)
        .map(t -> ((ValueType.TensorType) t).shape().dim(1))
        .orElse(Dim.UNKNOWN);
    ElementType type = graph.typeOf(n.inputs().get(0))
        .filter(t -> t instanceof ValueType.TensorType)
        .map(t -> ((ValueType.TensorType) t).elementType())
        .orElse(ElementType.FLOAT);
    return ValueType.tensor(type, Shape.of(Dim.of(1), batch,
        hidden > 0 ? Dim.of(hidden) : Dim.UNKNOWN));
  }

  private static Set<String> allNames(Graph g) {
    Set<String> names = new HashSet<>(g.initializers().keySet());
    g.inputs().forEach(v -> names.add(v.name()));
    g.outputs().forEach(v -> names.add(v.name()));
    g.allNodes().forEach(n -> {
      names.addAll(n.inputs());
      names.addAll(n.outputs());
    });
    return names;
  }

  private static String unique(Set<String> names, String wanted) {
    String name = wanted;
    for (int k = 2; names.contains(name); k++) {
      name = wanted + "_" + k;
    }
    names.add(name);
    return name;
  }

  /**
   * Checks a model with state pairs of its own can be fed frame by frame: no recurrence in its
   * main graph runs in reverse or in both directions, since those need the whole sequence.
   *
   * @param graph the main graph
   * @throws RnnxException (UNSUPPORTED) naming the node and the reason
   */
  public static void checkSteppable(Graph graph) {
    graph.nodes().forEach(Recurrence::of);
  }

  /** @return the initial values the model itself gives its state inputs (initializer defaults) */
  public static Map<String, Tensor> modelInitialStates(Graph graph, List<StatePair> pairs) {
    Map<String, Tensor> initial = new java.util.LinkedHashMap<>();
    for (StatePair p : pairs) {
      Tensor t = graph.initializers().get(p.input());
      if (t != null) {
        initial.put(p.input(), t);
      }
    }
    return initial;
  }
}
