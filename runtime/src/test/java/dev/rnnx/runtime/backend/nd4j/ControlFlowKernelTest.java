package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scan and Loop on nd4j for what the node tests leave out: scan axes other than 0, reverse
 * input and output directions, Scan-8's per-entry sequence lengths, bodies reading outer-scope
 * values, and a Loop ended by its body's condition before the trip count.
 */
class ControlFlowKernelTest {
  private static Graph body(String name, List<String> inputs, List<String> outputs,
      List<Node> nodes) {
    Graph g = new Graph(name);
    inputs.forEach(i -> g.inputs().add(new ValueInfo(i, null)));
    outputs.forEach(o -> g.outputs().add(new ValueInfo(o, null)));
    g.nodes().addAll(nodes);
    return g;
  }

  @Test
  void scanReverseAlongAxisOneWithOuterScopeValue() {
    // body: s' = s + x_t * k (k from the outer graph); y_t = s'
    Graph b = body("body", List.of("s", "x_t"), List.of("s_out", "y_t"), List.of(
        Node.of("mul", "Mul", List.of("x_t", "k"), List.of("xk"), List.of()),
        Node.of("add", "Add", List.of("s", "xk"), List.of("s_out"), List.of()),
        Node.of("id", "Identity", List.of("s_out"), List.of("y_t"), List.of())));
    Node scan = Node.of("scan", "Scan", List.of("init", "X"), List.of("final", "Y"), List.of(
        Attribute.of("body", b), Attribute.of("num_scan_inputs", 1L),
        Attribute.ints("scan_input_axes", 1), Attribute.ints("scan_input_directions", 1),
        Attribute.ints("scan_output_axes", 1), Attribute.ints("scan_output_directions", 1)));
    IrModel m = IrModels.of(scan, List.of("init", "X", "k"), Map.of(), 16);
    Tensor x = Tensor.of(new float[] {1, 2, 3, 10, 20, 30}, 2, 3); // [2, T=3], scanned on axis 1
    Map<String, Tensor> out = IrModels.run(m, Map.of("init", Tensor.of(new float[] {0, 0}, 2),
        "X", x, "k", Tensor.scalar(2f)));
    // reverse input: steps read columns 2, 1, 0 -> states [6,60], [10,100], [12,120]
    assertArrayEquals(new float[] {12, 120}, out.get("final").toFloatArray());
    // reverse output along axis 1: the last step's output comes first
    assertArrayEquals(new float[] {12, 10, 6, 120, 100, 60}, out.get("Y").toFloatArray());
    assertArrayEquals(new long[] {2, 3}, out.get("Y").shape());
  }

  @Test
  void scan8StopsEachBatchEntryAtItsLengthAndPadsItsOutputs() {
    Graph b = body("body", List.of("s", "x_t"), List.of("s_out", "y_t"), List.of(
        Node.of("add", "Add", List.of("s", "x_t"), List.of("s_out"), List.of()),
        Node.of("id", "Identity", List.of("s_out"), List.of("y_t"), List.of())));
    Node scan = Node.of("scan", "Scan", List.of("lens", "init", "X"), List.of("final", "Y"),
        List.of(Attribute.of("body", b), Attribute.of("num_scan_inputs", 1L)));
    IrModel m = IrModels.of(scan, List.of("lens", "init", "X"), Map.of(), 8);
    Map<String, Tensor> out = IrModels.run(m, Map.of("lens", Tensor.of(new long[] {3, 1}, 2),
        "init", Tensor.of(new float[] {0, 0}, 2, 1),
        "X", Tensor.of(new float[] {1, 2, 3, 10, 20, 30}, 2, 3, 1))); // [batch, seq, 1]
    assertArrayEquals(new float[] {6, 10}, out.get("final").toFloatArray());
    assertArrayEquals(new float[] {1, 3, 6, 10, 0, 0}, out.get("Y").toFloatArray());
    assertArrayEquals(new long[] {2, 3, 1}, out.get("Y").shape());
  }

  @Test
  void loopStopsOnItsConditionAndReadsOuterScope() {
    // body: acc' = acc + k; cond' = i < limit (k and limit from the outer graph); scan out acc'
    Graph b = body("body", List.of("i", "cond", "acc"), List.of("cond_out", "acc_out", "trace"),
        List.of(Node.of("add", "Add", List.of("acc", "k"), List.of("acc_out"), List.of()),
            Node.of("less", "Less", List.of("i", "limit"), List.of("cond_out"), List.of()),
            Node.of("id", "Identity", List.of("acc_out"), List.of("trace"), List.of())));
    Node loop = Node.of("loop", "Loop", List.of("M", "", "acc0"),
        List.of("acc_final", "traces"), List.of(Attribute.of("body", b)));
    IrModel m = IrModels.of(loop, List.of("M", "acc0", "k", "limit"), Map.of(), 16);
    Map<String, Tensor> out = IrModels.run(m, Map.of("M", Tensor.scalar(10L),
        "acc0", Tensor.of(new float[] {0.5f}, 1), "k", Tensor.of(new float[] {2f}, 1),
        "limit", Tensor.scalar(2L)));
    // iterations 0, 1, 2 run (2 < 2 is false after the third)
    assertArrayEquals(new float[] {6.5f}, out.get("acc_final").toFloatArray());
    assertArrayEquals(new float[] {2.5f, 4.5f, 6.5f}, out.get("traces").toFloatArray());
    assertArrayEquals(new long[] {3, 1}, out.get("traces").shape());
  }
}
