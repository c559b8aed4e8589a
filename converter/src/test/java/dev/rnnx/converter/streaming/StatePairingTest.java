package dev.rnnx.converter.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatePairingTest {
  private static ValueInfo f32(String name, long... dims) {
    return new ValueInfo(name, ValueType.tensor(ElementType.FLOAT, Shape.of(dims)));
  }

  private static Graph graph(List<ValueInfo> inputs, List<ValueInfo> outputs) {
    Graph g = new Graph("g");
    g.inputs().addAll(inputs);
    g.outputs().addAll(outputs);
    return g;
  }

  @Test
  void pairsTheCommonConventions() {
    Graph g = graph(
        List.of(f32("input", 1, 512), f32("h", 2, 1, 64), f32("c", 2, 1, 64),
            f32("state", 2, 1, 128), f32("conv_in", 1, 8), f32("h_prev", 1, 16),
            f32("past_key", 1, 4, 8), f32("initial_h", 1, 1, 5)),
        List.of(f32("output", 1, 1), f32("hn", 2, 1, 64), f32("cn", 2, 1, 64),
            f32("stateN", 2, 1, 128), f32("conv_out", 1, 8), f32("h_next", 1, 16),
            f32("present_key", 1, 4, 8), f32("Y_h", 1, 1, 5)));
    assertEquals(List.of(new StatePair("h", "hn"), new StatePair("c", "cn"),
            new StatePair("state", "stateN"), new StatePair("conv_in", "conv_out"),
            new StatePair("h_prev", "h_next"), new StatePair("past_key", "present_key"),
            new StatePair("initial_h", "Y_h")),
        StatePairing.pair(g, List.of()));
  }

  @Test
  void explicitPairsComeFirstAndMustExist() {
    Graph g = graph(List.of(f32("x", 1, 4), f32("mem", 1, 4)),
        List.of(f32("y", 1, 4), f32("mem2", 1, 4)));
    assertEquals(List.of(new StatePair("mem", "mem2")),
        StatePairing.pair(g, List.of(new StatePair("mem", "mem2"))));
    RnnxException e = assertThrows(RnnxException.class,
        () -> StatePairing.pair(g, List.of(new StatePair("mem", "nope"))));
    assertEquals("state pair mem=nope: 'nope' is not a graph output (outputs: y, mem2)",
        e.getMessage());
  }

  @Test
  void incompatibleShapesDoNotPair() {
    Graph g = graph(List.of(f32("h", 1, 4)), List.of(f32("hn", 1, 5)));
    RnnxException e = assertThrows(RnnxException.class, () -> StatePairing.pair(g, List.of()));
    assertEquals("input 'h' looks like state but no output pairs with it by name; outputs of"
        + " the same type and shape: none; pair it explicitly with --state h=OUTPUT"
        + " (StepOptions.state(\"h\", OUTPUT)), or feed it as a frame input by pairing the"
        + " others explicitly", e.getMessage());
  }

  @Test
  void ambiguityListsTheCandidates() {
    Graph g = graph(List.of(f32("h", 1, 4)), List.of(f32("hn", 1, 4), f32("hN", 1, 4)));
    RnnxException e = assertThrows(RnnxException.class, () -> StatePairing.pair(g, List.of()));
    assertEquals("state input 'h' matches several outputs: hn, hN; pair it explicitly, e.g."
        + " --state h=hn (StepOptions.state(\"h\", \"hn\"))", e.getMessage());
  }

  @Test
  void plainInputsAreFrames() {
    Graph g = graph(List.of(f32("x", 1, 4), f32("features", 1, 4)), List.of(f32("y", 1, 4)));
    assertEquals(List.of(), StatePairing.pair(g, List.of()));
  }
}
