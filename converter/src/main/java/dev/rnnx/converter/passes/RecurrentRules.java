package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.List;
import java.util.Map;

/**
 * LSTM, GRU and RNN. With layout 0, X is [seq, batch, input], Y [seq, num_directions, batch,
 * hidden] and Y_h, Y_c [num_directions, batch, hidden]; with layout 1 (opset 14) batch comes
 * first: X [batch, seq, input], Y [batch, seq, num_directions, hidden], Y_h, Y_c [batch,
 * num_directions, hidden].
 */
final class RecurrentRules {
  private RecurrentRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    for (String op : List.of("LSTM", "GRU", "RNN")) {
      rules.put(op, RecurrentRules::recurrent);
    }
  }

  private static List<ValueType> recurrent(InferenceContext c) {
    ElementType type = c.firstElem(0, 1, 2);
    boolean batchMajor = c.node().intAttr("layout", 0) == 1;
    Dim seq = Dim.UNKNOWN;
    Dim batch = Dim.UNKNOWN;
    List<Dim> x = c.dims(0);
    if (x != null) {
      if (x.size() != 3) {
        throw c.fail("X must be 3-D, got " + x);
      }
      seq = x.get(batchMajor ? 1 : 0);
      batch = x.get(batchMajor ? 0 : 1);
    }
    String direction = c.node().stringAttr("direction", "forward");
    Dim directions = Dim.of(direction.equals("bidirectional") ? 2 : 1);
    Dim hidden = c.node().attribute("hidden_size").map(a -> Dim.of(a.asInt()))
        .orElseGet(() -> c.dims(2) == null ? Dim.UNKNOWN : c.dims(2).get(2));
    List<Dim> y = batchMajor ? List.of(batch, seq, directions, hidden)
        : List.of(seq, directions, batch, hidden);
    List<Dim> state = batchMajor ? List.of(batch, directions, hidden)
        : List.of(directions, batch, hidden);
    ValueType stateType = Dims.tensor(type, state);
    return ShapeRule.of(Dims.tensor(type, y), stateType, stateType);
  }
}
