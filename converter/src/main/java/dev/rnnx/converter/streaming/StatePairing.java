package dev.rnnx.converter.streaming;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which graph inputs carry state and which outputs carry their next values: explicit
 * pairs are checked, the rest found by {@link StateNaming}'s conventions among inputs and
 * outputs of equal element type and compatible shape.
 */
public final class StatePairing {
  private StatePairing() {}

  /**
   * Checks explicit pairs and completes them with conventional ones.
   *
   * @param graph the main graph (constants already bound)
   * @param explicit pairs the caller named; may be empty
   * @return every state pair, explicit ones first
   * @throws RnnxException (INVALID_ARGUMENT) for an unknown or incompatible explicit pair, an
   *     ambiguous match, or an input that looks like state but has no partner; the message
   *     lists the candidates and how to pair explicitly
   */
  public static List<StatePair> pair(Graph graph, List<StatePair> explicit) {
    Map<String, ValueInfo> inputs = new LinkedHashMap<>();
    graph.requiredInputs().forEach(v -> inputs.put(v.name(), v));
    Map<String, ValueInfo> outputs = new LinkedHashMap<>();
    graph.outputs().forEach(v -> outputs.put(v.name(), v));
    List<StatePair> pairs = new ArrayList<>();
    Set<String> usedOutputs = new HashSet<>();
    for (StatePair p : explicit) {
      ValueInfo in = inputs.get(p.input());
      ValueInfo out = outputs.get(p.output());
      if (in == null) {
        throw invalid("state pair " + p + ": '" + p.input() + "' is not a graph input"
            + " (inputs: " + String.join(", ", inputs.keySet()) + ")");
      }
      if (out == null) {
        throw invalid("state pair " + p + ": '" + p.output() + "' is not a graph output"
            + " (outputs: " + String.join(", ", outputs.keySet()) + ")");
      }
      if (!compatible(in, out)) {
        throw invalid("state pair " + p + ": input " + in + " and output " + out
            + " differ in element type or shape");
      }
      if (!usedOutputs.add(p.output())) {
        throw invalid("state output '" + p.output() + "' is paired twice");
      }
      pairs.add(p);
    }
    Set<String> pairedInputs = pairs.stream().map(StatePair::input).collect(Collectors.toSet());
    for (ValueInfo in : inputs.values()) {
      if (pairedInputs.contains(in.name())) {
        continue;
      }
      List<String> candidates = StateNaming.partnersOf(in.name()).stream()
          .filter(outputs::containsKey)
          .filter(o -> !usedOutputs.contains(o))
          .filter(o -> compatible(in, outputs.get(o)))
          .toList();
      if (candidates.size() > 1) {
        throw invalid("state input '" + in.name() + "' matches several outputs: "
            + String.join(", ", candidates) + "; pair it explicitly, e.g. --state "
            + in.name() + "=" + candidates.get(0) + " (StepOptions.state(\"" + in.name()
            + "\", \"" + candidates.get(0) + "\"))");
      }
      if (candidates.size() == 1) {
        pairs.add(new StatePair(in.name(), candidates.get(0)));
        usedOutputs.add(candidates.get(0));
      } else if (StateNaming.looksLikeState(in.name())) {
        List<String> shaped = outputs.values().stream()
            .filter(o -> !usedOutputs.contains(o.name()) && compatible(in, o))
            .map(ValueInfo::name).toList();
        throw invalid("input '" + in.name() + "' looks like state but no output pairs with"
            + " it by name; outputs of the same type and shape: "
            + (shaped.isEmpty() ? "none" : String.join(", ", shaped))
            + "; pair it explicitly with --state " + in.name() + "=OUTPUT"
            + " (StepOptions.state(\"" + in.name() + "\", OUTPUT)), or feed it as a frame"
            + " input by pairing the others explicitly");
      }
    }
    return pairs;
  }

  /**
   * Equal element types and ranks, and equal sizes where both dims are fixed; a value whose
   * type is not declared is compatible with anything.
   */
  static boolean compatible(ValueInfo in, ValueInfo out) {
    if (in.type() == null || out.type() == null) {
      return true;
    }
    ValueType.TensorType a = in.tensorType();
    ValueType.TensorType b = out.tensorType();
    if (a == null || b == null) {
      return in.type().equals(out.type());
    }
    if (a.elementType() != b.elementType()) {
      return false;
    }
    if (a.shape() == null || b.shape() == null) {
      return true;
    }
    List<Dim> da = a.shape().dims();
    List<Dim> db = b.shape().dims();
    if (da.size() != db.size()) {
      return false;
    }
    for (int i = 0; i < da.size(); i++) {
      if (da.get(i) instanceof Dim.Fixed x && db.get(i) instanceof Dim.Fixed y
          && x.size() != y.size()) {
        return false;
      }
    }
    return true;
  }

  private static RnnxException invalid(String message) {
    return new RnnxException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
