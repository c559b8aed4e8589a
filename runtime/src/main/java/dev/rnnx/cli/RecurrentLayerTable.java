package dev.rnnx.cli;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape table {@code rnnx inspect} prints for each LSTM, GRU and RNN node: units,
 * direction, layout, gates, kernels, bias, peepholes, state and output shapes.
 */
final class RecurrentLayerTable {
  private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");

  private RecurrentLayerTable() {}

  static void print(IrModel model, PrintWriter out) {
    for (Node n : model.graph().allNodes()) {
      if (n.domain().equals(Node.DEFAULT_DOMAIN) && RECURRENT.contains(n.opType())) {
        printNode(model.graph(), n, out);
      }
    }
  }

  private static void printNode(Graph g, Node n, PrintWriter out) {
    String op = n.opType();
    long hidden = n.intAttr("hidden_size", -1);
    String direction = n.stringAttr("direction", "forward");
    int dirs = direction.equals("bidirectional") ? 2 : 1;
    long layout = n.intAttr("layout", 0);
    int gates = switch (op) {
      case "LSTM" -> 4;
      case "GRU" -> 3;
      default -> 1;
    };
    Shape x = shapeOf(g, n.input(0)).orElse(null);
    Dim seq = x == null ? Dim.UNKNOWN : x.dim(layout == 0 ? 0 : 1);
    Dim batch = x == null ? Dim.UNKNOWN : x.dim(layout == 0 ? 1 : 0);
    String state = layout == 0 ? dims(dirs, batch, hidden) : dims(batch, dirs, hidden);
    String y = layout == 0 ? dims(seq, dirs, batch, hidden) : dims(batch, seq, dirs, hidden);
    List<String[]> rows = new ArrayList<>();
    rows.add(row("units (hidden_size)", Long.toString(hidden)));
    rows.add(row("direction", direction + " (" + dirs + (dirs == 1 ? " direction)"
        : " directions)")));
    rows.add(row("layout", layout + (layout == 0 ? " (sequence-major: X [seq, batch, input])"
        : " (batch-major: X [batch, seq, input])")));
    rows.add(row("gates", gates + " (" + switch (op) {
      case "LSTM" -> "i, o, f, c";
      case "GRU" -> "z, r, h" + (n.intAttr("linear_before_reset", 0) != 0
          ? "; linear_before_reset" : "");
      default -> "single";
    } + ")"));
    n.attribute("activations").ifPresent(a -> rows.add(row("activations",
        String.join(", ", a.asStrings()))));
    n.attribute("clip").ifPresent(a -> rows.add(row("clip", Float.toString(a.asFloat()))));
    rows.add(row("input X", x == null ? "?" : x.toString()));
    rows.add(row("input kernel W", declared(g, n.input(1))));
    rows.add(row("recurrent kernel R", declared(g, n.input(2))));
    rows.add(row("bias B", n.input(3).isPresent() ? declared(g, n.input(3)) : "none"));
    if (op.equals("LSTM")) {
      rows.add(row("peepholes P", n.input(7).isPresent() ? declared(g, n.input(7)) : "none"));
    }
    rows.add(row("sequence_lens", n.input(4).isPresent() ? declared(g, n.input(4)) : "none"));
    rows.add(row("initial_h -> Y_h", state + presence(n.input(5), n.output(1))));
    if (op.equals("LSTM")) {
      rows.add(row("initial_c -> Y_c", state + presence(n.input(6), n.output(2))));
    }
    rows.add(row("output sequence Y", y + (n.output(0).isPresent() ? "" : " (not produced)")));
    out.println("recurrent node " + n.describe() + ":");
    for (String[] r : rows) {
      out.printf("  %-20s %s%n", r[0], r[1]);
    }
  }

  private static String presence(Optional<String> in, Optional<String> out) {
    return (in.isPresent() ? "" : " (initial: zeros)") + (out.isPresent() ? "" : " (final not output)");
  }

  private static String[] row(String key, String value) {
    return new String[] {key, value};
  }

  private static String dims(Object... parts) {
    List<String> text = new ArrayList<>();
    for (Object p : parts) {
      text.add(p instanceof Long l && l < 0 ? "?" : p.toString());
    }
    return "[" + String.join(", ", text) + "]";
  }

  private static Optional<Shape> shapeOf(Graph g, Optional<String> value) {
    return value.flatMap(g::typeOf)
        .filter(t -> t instanceof ValueType.TensorType tt && tt.shape() != null)
        .map(t -> ((ValueType.TensorType) t).shape());
  }

  private static String declared(Graph g, Optional<String> value) {
    return shapeOf(g, value).map(Shape::toString).orElse(value.isPresent() ? "?" : "none");
  }
}
