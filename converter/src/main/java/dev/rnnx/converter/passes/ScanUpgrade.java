package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scan-8 ran its body over a batch: every state and scan input had a leading batch axis (the
 * scan axis came second), each batch element was scanned on its own, and the final states and
 * scan outputs were stacked along that batch axis. Scan-9 has no batch axis. A Loop over the
 * batch does the same: each iteration takes element i of every input (Gather) and runs a Scan-9
 * with the same body, and the Loop stacks what each iteration yields along a new leading axis.
 * Scan-8's optional {@code sequence_lens} (per-element lengths) has no counterpart and is
 * refused.
 */
final class ScanUpgrade {
  private ScanUpgrade() {}

  static UpgradeStep.Rewrite apply(Node n, UpgradeScope s) {
    if (n.input(0).isPresent()) {
      throw s.refuse("sequence_lens has no counterpart from Scan-9 on");
    }
    List<String> batched = n.inputs().subList(1, n.inputs().size());
    if (batched.isEmpty()) {
      throw s.refuse("a Scan without inputs has no batch to loop over");
    }
    String tag = n.outputs().get(0);
    Shape scalar = Shape.of(new long[0]);
    Graph body = new Graph(s.fresh(tag + "_batch_body"));
    String i = s.fresh(tag + "_batch_index");
    String cond = s.fresh(tag + "_cond_in");
    body.inputs().add(new ValueInfo(i, ValueType.tensor(ElementType.INT64, scalar)));
    body.inputs().add(new ValueInfo(cond, ValueType.tensor(ElementType.BOOL, scalar)));
    List<String> elements = new ArrayList<>();
    for (String input : batched) {
      elements.add(s.add(body.nodes(), n, "element", "Gather", List.of(input, i),
          Attribute.of("axis", 0L)));
    }
    List<String> perElement = n.outputs().stream().map(o -> s.fresh(o + "_element")).toList();
    Node scan = UpgradeScope.helper(n, "scan", "Scan", elements, perElement,
        scanAttributes(n).toArray(Attribute[]::new));
    body.nodes().add(scan);
    String condOut = s.add(body.nodes(), n, "cond_out", "Identity", List.of(cond));
    body.outputs().add(new ValueInfo(condOut, ValueType.tensor(ElementType.BOOL, scalar)));
    perElement.forEach(o -> body.outputs().add(new ValueInfo(o, null)));
    List<Node> before = new ArrayList<>();
    String batch = s.add(before, n, "batch", "Shape", List.of(batched.get(0)),
        Attribute.of("start", 0L), Attribute.of("end", 1L));
    String trips = s.add(before, n, "trips", "Squeeze", List.of(batch,
        s.int64s(before, n, "batch_axis", 0)));
    Node loop = new Node(n.name(), "Loop", n.domain(), List.of(trips, ""), n.outputs(),
        Map.of("body", Attribute.of("body", body)));
    return UpgradeStep.Rewrite.after(before, loop, s.current("Loop"));
  }

  private static List<Attribute> scanAttributes(Node n) {
    List<Attribute> attrs = new ArrayList<>();
    attrs.add(n.attribute("body").orElseThrow());
    attrs.add(n.attribute("num_scan_inputs").orElseThrow());
    n.attribute("directions").ifPresent(d -> attrs.add(Attribute.ints("scan_input_directions",
        d.asInts())));
    return attrs;
  }
}
