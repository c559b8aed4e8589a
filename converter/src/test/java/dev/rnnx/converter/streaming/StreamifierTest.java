package dev.rnnx.converter.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.passes.ShapeInference;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamifierTest {
  private static final int HIDDEN = 3;

  /** The same with a Conv kernel K [2, 2, 3] among the initializers. */
  private static Graph gruWithKernel(List<Node> pre, String gruInput, List<Node> post,
      String output) {
    return gru(pre, gruInput, post, output, true);
  }

  private static Graph gru(List<Node> pre, String gruInput, List<Node> post, String output) {
    return gru(pre, gruInput, post, output, false);
  }

  /** X [seq, batch, 2] → (pre nodes) → GRU → Y [seq, 1, batch, 3] → (post nodes). */
  private static Graph gru(List<Node> pre, String gruInput, List<Node> post, String output,
      boolean convKernel) {
    Graph g = new Graph("g");
    if (convKernel) {
      g.initializers().put("K", Tensor.zeros(ElementType.FLOAT, 2, 2, 3));
    }
    g.inputs().add(new ValueInfo("X", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of("seq"), Dim.of("batch"), Dim.of(2)))));
    g.initializers().put("W", Tensor.zeros(ElementType.FLOAT, 1, 3 * HIDDEN, 2));
    g.initializers().put("R", Tensor.zeros(ElementType.FLOAT, 1, 3 * HIDDEN, HIDDEN));
    g.nodes().addAll(pre);
    g.nodes().add(Node.of("gru", "GRU", List.of(gruInput, "W", "R"), List.of("Y"),
        List.of(Attribute.of("hidden_size", HIDDEN))));
    g.nodes().addAll(post);
    g.outputs().add(new ValueInfo(output, null));
    IrModel model = new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "", "", "", g);
    return new ShapeInference().apply(model).graph(); // streaming runs after inference
  }



  @Test
  void recurrenceStatesBecomeGraphInputsAndOutputs() {
    Graph g = gru(List.of(new Node("relu", "Relu", Node.DEFAULT_DOMAIN, List.of("X"),
        List.of("Xr"), Map.of())), "Xr", List.of(), "Y");
    Streamifier.Streamed s = Streamifier.streamify(g);
    assertEquals(List.of(new StatePair("gru.initial_h", "gru.final_h")), s.pairs());
    Node rewritten = g.nodes().get(1);
    assertEquals("gru.initial_h", rewritten.inputs().get(5));
    assertEquals("gru.final_h", rewritten.outputs().get(1));
    assertEquals(ValueType.tensor(ElementType.FLOAT, Shape.of(Dim.of(1), Dim.of("batch"),
        Dim.of(HIDDEN))), g.input("gru.initial_h").orElseThrow().type());
    assertEquals(Dim.of("time"), g.inputs().get(0).tensorType().shape().dim(0));
  }

  @Test
  void aReductionOverTimeAfterTheRecurrenceIsRefused() {
    Graph g = gru(List.of(), "X", List.of(Node.of("pool", "ReduceMean", List.of("Y"),
        List.of("mean"), List.of(Attribute.ints("axes", 0)))), "mean");
    RnnxException e = assertThrows(RnnxException.class, () -> Streamifier.streamify(g));
    assertEquals("node 'pool' (ReduceMean) mixes time steps (axis 0 of 'Y'): it cannot be fed"
        + " one frame at a time", e.getMessage());
  }

  @Test
  void aConvolutionAlongTimeBeforeTheRecurrenceIsRefused() {
    // [seq, batch, 2] → [batch, 2, seq] → Conv1D over seq → back to [seq, batch, 2]
    Graph g = gruWithKernel(List.of(
        Node.of("to_ncw", "Transpose", List.of("X"), List.of("ncw"),
            List.of(Attribute.ints("perm", 1, 2, 0))),
        Node.of("conv", "Conv", List.of("ncw", "K"), List.of("conv_out"), List.of()),
        Node.of("to_tnc", "Transpose", List.of("conv_out"), List.of("tnc"),
            List.of(Attribute.ints("perm", 2, 0, 1)))), "tnc", List.of(), "Y");
    RnnxException e = assertThrows(RnnxException.class, () -> Streamifier.streamify(g));
    assertEquals("node 'conv' (Conv) mixes time steps before the recurrence 'gru' (GRU): it"
        + " cannot be fed one frame at a time", e.getMessage());
  }
}
