package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.runtime.backend.nd4j.kernels.KernelRegistry;
import dev.rnnx.runtime.backend.nd4j.kernels.NdArrays;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The interpreter frees each value right after its last reader, views and subgraph values
 * included, and nothing of a run survives it: probe operators record the arrays they make and
 * check, when they run, which of them are already freed.
 */
class Nd4jLivenessTest {
  private final List<INDArray> made = new ArrayList<>();
  private final List<Boolean> freedWhenChecked = new ArrayList<>();

  private KernelRegistry registry() {
    KernelRegistry r = KernelRegistry.standard();
    r.simple("Make", 1, in -> {
      INDArray a = NdArrays.of(DataType.FLOAT, new long[] {64}, new float[64]);
      made.add(a);
      return a;
    });
    r.simple("CheckFirstFreed", 1, in -> {
      freedWhenChecked.add(made.get(0).wasClosed());
      return in[0].dup();
    });
    return r;
  }

  private static Node node(String op, String in, String out) {
    return Node.of(op.toLowerCase(java.util.Locale.ROOT) + "_" + out, op, List.of(in),
        List.of(out), List.of());
  }

  private List<INDArray> run(Graph g) {
    Constants constants = Constants.root();
    GraphProgram p = GraphProgram.main(g, registry(), 17, constants);
    Buffers buffers = new Buffers(constants.pinned());
    List<INDArray> out = p.execute(List.of(NdArrays.vector(1, 2, 3)), null, buffers);
    return out;
  }

  @Test
  void aValueIsFreedAfterItsLastReaderNotAtTheEnd() {
    Graph g = new Graph("main");
    g.inputs().add(new ValueInfo("x", null));
    g.nodes().add(node("Make", "x", "a")); // a: read only by the reshape
    g.nodes().add(Node.of("view", "Reshape", List.of("a", "shape"), List.of("b"), List.of()));
    g.nodes().add(node("Relu", "b", "c")); // b (a view of a) dies here, and a with it
    g.nodes().add(node("CheckFirstFreed", "c", "d"));
    g.initializers().put("shape", dev.rnnx.tensor.Tensor.of(new long[] {8, 8}, 2));
    g.outputs().add(new ValueInfo("d", null));
    List<INDArray> out = run(g);
    assertEquals(List.of(true), freedWhenChecked, "a was still allocated after its last reader");
    assertFalse(out.get(0).wasClosed(), "the output is the caller's");
  }

  @Test
  void loopBodyValuesAndScanPartsAreFreedByTheEndOfTheRun() {
    Graph body = new Graph("body");
    body.inputs().add(new ValueInfo("i", null));
    body.inputs().add(new ValueInfo("cond", null));
    body.inputs().add(new ValueInfo("v", null));
    body.nodes().add(node("Make", "v", "m"));
    body.nodes().add(node("Relu", "m", "trace"));
    body.nodes().add(node("Identity", "cond", "cond_out"));
    body.nodes().add(node("Identity", "v", "v_out"));
    body.outputs().add(new ValueInfo("cond_out", null));
    body.outputs().add(new ValueInfo("v_out", null));
    body.outputs().add(new ValueInfo("trace", null));
    Graph g = new Graph("main");
    g.inputs().add(new ValueInfo("x", null));
    g.initializers().put("trips", dev.rnnx.tensor.Tensor.scalar(5L));
    g.nodes().add(Node.of("loop", "Loop", List.of("trips", "", "x"), List.of("v_final", "traces"),
        List.of(Attribute.of("body", body))));
    g.outputs().add(new ValueInfo("traces", null));
    List<INDArray> out = run(g);
    assertEquals(5, made.size());
    assertTrue(made.stream().allMatch(INDArray::wasClosed), "a body value outlived the run");
    assertEquals(List.of(5L, 64L), java.util.Arrays.stream(out.get(0).shape()).boxed().toList());
  }
}
