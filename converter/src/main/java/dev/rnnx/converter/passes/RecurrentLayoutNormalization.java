package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites batch-major ({@code layout=1}) LSTM, GRU and RNN nodes to the sequence-major form
 * (layout 0) that every runtime supports, framing them with Transposes:
 * <ul>
 *   <li>X [batch, seq, input] becomes [seq, batch, input] (perm [1, 0, 2]);</li>
 *   <li>initial_h and initial_c [batch, num_directions, hidden] become [num_directions, batch,
 *       hidden] (perm [1, 0, 2]);</li>
 *   <li>Y [seq, num_directions, batch, hidden] is turned back into [batch, seq, num_directions,
 *       hidden] (perm [2, 0, 1, 3]), Y_h and Y_c [num_directions, batch, hidden] into [batch,
 *       num_directions, hidden] (perm [1, 0, 2]).</li>
 * </ul>
 * The outputs keep their names and meanings; sequence_lens ([batch]) and the weights are the
 * same in both layouts. Nodes in subgraphs are rewritten too.
 */
public final class RecurrentLayoutNormalization implements GraphPass {
  private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "RNN");
  private static final long[] SWAP_FIRST_TWO = {1, 0, 2};
  private static final long[] Y_TO_BATCH_MAJOR = {2, 0, 1, 3};
  private static final int INITIAL_H = 5;
  private static final int INITIAL_C = 6; // LSTM only

  /** Creates the pass. */
  public RecurrentLayoutNormalization() {}

  @Override
  public String name() {
    return "recurrent-layout-normalization";
  }

  @Override
  public IrModel apply(IrModel model) {
    rewrite(model.graph(), ValueNames.of(model.graph()));
    return model;
  }

  private static void rewrite(Graph g, ValueNames names) {
    List<Node> out = new ArrayList<>();
    for (Node n : g.nodes()) {
      n.subgraphs().forEach(sub -> rewrite(sub, names));
      if (n.domain().equals(Node.DEFAULT_DOMAIN) && RECURRENT.contains(n.opType())
          && n.intAttr("layout", 0) == 1) {
        out.addAll(NodeErrors.at(n, () -> sequenceMajor(n, names)));
      } else {
        out.add(n);
      }
    }
    g.nodes().clear();
    g.nodes().addAll(out);
  }

  private static List<Node> sequenceMajor(Node n, ValueNames names) {
    List<Node> before = new ArrayList<>();
    List<Node> after = new ArrayList<>();
    List<String> inputs = new ArrayList<>(n.inputs());
    List<Integer> transposed = new ArrayList<>(List.of(0, INITIAL_H));
    if (n.opType().equals("LSTM")) {
      transposed.add(INITIAL_C);
    }
    for (int i : transposed) {
      if (n.input(i).isPresent()) {
        String seqMajor = names.fresh(inputs.get(i) + "_seq_major");
        before.add(transpose(n, inputs.get(i), seqMajor, SWAP_FIRST_TWO));
        inputs.set(i, seqMajor);
      }
    }
    List<String> outputs = new ArrayList<>(n.outputs());
    for (int k = 0; k < outputs.size(); k++) {
      if (n.output(k).isPresent()) {
        String seqMajor = names.fresh(outputs.get(k) + "_seq_major");
        after.add(transpose(n, seqMajor, outputs.get(k), k == 0 ? Y_TO_BATCH_MAJOR
            : SWAP_FIRST_TWO));
        outputs.set(k, seqMajor);
      }
    }
    Node core = n.withoutAttribute("layout").withInputs(inputs).withOutputs(outputs);
    List<Node> all = new ArrayList<>(before);
    all.add(core);
    all.addAll(after);
    return all;
  }

  private static Node transpose(Node owner, String in, String out, long[] perm) {
    return Node.of(ValueNames.nodeName(owner.name(), "transpose_" + in), "Transpose",
        List.of(in), List.of(out), List.of(Attribute.ints("perm", perm)));
  }
}
