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
import java.util.Set;

/**
 * Rewrites a whole-sequence model so it can be fed one frame at a time: each LSTM, GRU and RNN
 * node of the main graph gets its initial states from new graph inputs and hands its final
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
    List<Node> recurrences = graph.nodes().stream().filter(TimeAxisAnalysis::isRecurrent)
        .toList();
    if (recurrences.isEmpty()) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "the model has no state inputs and no"
          + " LSTM, GRU or RNN node in its main graph to stream; pair its states explicitly");
    }
    for (Node n : recurrences) {
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
    }
    TimeAxisAnalysis analysis = new TimeAxisAnalysis(graph);
    analysis.checkDownstream(analysis.timeInputs());
    Set<String> names = allNames(graph);
    List<StatePair> pairs = new ArrayList<>();
    Map<String, String> sequenceLens = new java.util.LinkedHashMap<>();
    int index = 0;
    for (Node n : recurrences) {
      String prefix = unique(names, n.name().isEmpty() ? n.opType() + "_" + index : n.name());
      index++;
      List<StatePair> made = rewrite(graph, n, prefix, names);
      n.input(4).filter(lens -> graph.input(lens).isPresent())
          .ifPresent(lens -> made.forEach(p -> sequenceLens.put(p.input(), lens)));
      pairs.addAll(made);
    }
    return new Streamed(pairs, sequenceLens);
  }

  private static List<StatePair> rewrite(Graph graph, Node node, String prefix,
      Set<String> names) {
    ValueType.TensorType stateType = stateType(graph, node);
    List<String> inputs = new ArrayList<>(node.inputs());
    List<String> outputs = new ArrayList<>(node.outputs());
    int states = node.opType().equals("LSTM") ? 2 : 1;
    List<StatePair> pairs = new ArrayList<>();
    for (int s = 0; s < states; s++) {
      int inputIndex = 5 + s; // initial_h, initial_c
      int outputIndex = 1 + s; // Y_h, Y_c
      String suffix = s == 0 ? "h" : "c";
      while (inputs.size() <= inputIndex) {
        inputs.add("");
      }
      while (outputs.size() <= outputIndex) {
        outputs.add("");
      }
      String stateIn = unique(names, prefix + ".initial_" + suffix);
      Tensor modelInitial = graph.initializers().get(inputs.get(inputIndex));
      if (modelInitial != null && graph.input(inputs.get(inputIndex)).isEmpty()) {
        graph.initializers().put(stateIn, modelInitial); // the model's own initial value
      }
      graph.inputs().add(new ValueInfo(stateIn, stateType));
      inputs.set(inputIndex, stateIn);
      String stateOut = outputs.get(outputIndex);
      if (stateOut.isEmpty()) {
        stateOut = unique(names, prefix + ".Y_" + suffix);
        outputs.set(outputIndex, stateOut);
      }
      String out = stateOut;
      if (graph.outputs().stream().noneMatch(o -> o.name().equals(out))) {
        graph.outputs().add(new ValueInfo(stateOut, stateType));
      }
      pairs.add(new StatePair(stateIn, stateOut));
    }
    int at = graph.nodes().indexOf(node);
    graph.nodes().set(at, node.withInputs(inputs).withOutputs(outputs));
    return pairs;
  }

  /** [num_directions, batch, hidden], batch taken from X's shape (layout 0: X [seq, batch, in]). */
  private static ValueType.TensorType stateType(Graph graph, Node n) {
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
