package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.type;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.BOOL;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.ModelFormatException;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shape inference on small graphs, each expectation worked out by hand from the operator's
 * definition; symbolic dims, opset-dependent forms and control flow, which the node tests
 * barely exercise, in particular.
 */
class ShapeInferenceTest {
  private static ValueType infer(Graph g, long opset, String value) {
    IrModel m = new ShapeInference().apply(model(g, opset));
    return m.graph().typeOf(value).orElse(null);
  }

  @Test
  void broadcastingKeepsSymbolsAndTakesTheFixedSizeOverOne() {
    Graph g = graph("g", List.of(value("a", FLOAT, "batch", 1, 3), value("b", FLOAT, 4, 1),
        value("c", FLOAT, "seq")), List.of(output("y"), output("z")));
    g.nodes().add(node("add", "Add", List.of("a", "b"), List.of("y")));
    g.nodes().add(node("less", "Less", List.of("a", "c"), List.of("z")));
    assertEquals(type(FLOAT, "batch", 4, 3), infer(g, 17, "y"));
    // 3 against seq: seq must be 3 or 1, so the result is 3; batch against 1 stays batch.
    assertEquals(type(BOOL, "batch", 1, 3), infer(g, 17, "z"));
  }

  @Test
  void broadcastingTwoDifferentSymbolsGivesAnUnknownDim() {
    Graph g = graph("g", List.of(value("a", FLOAT, "n"), value("b", FLOAT, "m")),
        List.of(output("y")));
    g.nodes().add(node("mul", "Mul", List.of("a", "b"), List.of("y")));
    assertEquals(type(FLOAT, (Object) null), infer(g, 17, "y"));
  }

  @Test
  void exporterShapeChainsReshapeBySymbolicBatch() {
    // Reshape(X, Concat(Unsqueeze(Gather(Shape(X), 0)), [-1])): [batch, 4, 5] -> [batch, 20]
    Graph g = graph("g", List.of(value("x", FLOAT, "batch", 4, 5)), List.of(output("y")));
    g.initializers().put("zero", Tensor.scalar(0L));
    g.initializers().put("axes", Tensor.of(new long[] {0}, 1));
    g.initializers().put("rest", Tensor.of(new long[] {-1}, 1));
    g.nodes().add(node("shape", "Shape", List.of("x"), List.of("s")));
    g.nodes().add(node("gather", "Gather", List.of("s", "zero"), List.of("b")));
    g.nodes().add(node("unsq", "Unsqueeze", List.of("b", "axes"), List.of("b1")));
    g.nodes().add(node("concat", "Concat", List.of("b1", "rest"), List.of("target"),
        Attribute.of("axis", 0L)));
    g.nodes().add(node("reshape", "Reshape", List.of("x", "target"), List.of("y")));
    assertEquals(type(FLOAT, "batch", 20), infer(g, 13, "y"));
    assertEquals(type(INT64, 3), infer(g, 13, "s"));
    assertEquals(type(INT64), infer(g, 13, "b"));
  }

  @Test
  void reshapeCopiesZerosUnlessAllowzeroAndInfersMinusOne() {
    Graph g = graph("g", List.of(value("x", FLOAT, 2, 3, 4), value("e", FLOAT, 0, 5)),
        List.of(output("y"), output("z")));
    g.initializers().put("s1", Tensor.of(new long[] {0, -1}, 2));
    g.initializers().put("s2", Tensor.of(new long[] {2, 0}, 2));
    g.nodes().add(node("r1", "Reshape", List.of("x", "s1"), List.of("y")));
    g.nodes().add(node("r2", "Reshape", List.of("e", "s2"), List.of("z"),
        Attribute.of("allowzero", 1L)));
    assertEquals(type(FLOAT, 2, 12), infer(g, 14, "y"));
    assertEquals(type(FLOAT, 2, 0), infer(g, 14, "z"));
  }

  @Test
  void reshapeToTheWrongElementCountIsReportedWithTheNode() {
    // Without allowzero, 0 copies e's dim 1 (5): [2, 5] holds 10 elements, e none.
    Graph g = graph("g", List.of(value("e", FLOAT, 0, 5)), List.of(output("z")));
    g.initializers().put("s", Tensor.of(new long[] {2, 0}, 2));
    g.nodes().add(node("r", "Reshape", List.of("e", "s"), List.of("z")));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new ShapeInference().apply(model(g, 14)));
    assertTrue(e.getMessage().startsWith("node 'r' (Reshape): "), e.getMessage());
  }

  @Test
  void aDeclaredDimThatContradictsInferenceIsReportedWithTheNode() {
    Graph g = graph("g", List.of(value("x", FLOAT, 2, 3)), List.of(value("y", FLOAT, 2, 4)));
    g.nodes().add(node("relu", "Relu", List.of("x"), List.of("y")));
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new ShapeInference().apply(model(g, 17)));
    assertTrue(e.getMessage().startsWith("node 'relu' (Relu): output 'y'"), e.getMessage());
    assertTrue(e.getMessage().contains("float[2, 4]") && e.getMessage().contains("float[2, 3]"),
        e.getMessage());
  }

  @Test
  void declaredSymbolsRefineInferredUnknownsAndFixedDimsRefineSymbols() {
    Graph g = graph("g", List.of(value("x", FLOAT, "n", null)),
        List.of(value("y", FLOAT, null, "k")));
    g.valueTypes().put("r", type(FLOAT, 7, null));
    g.nodes().add(node("relu", "Relu", List.of("x"), List.of("r")));
    g.nodes().add(node("neg", "Neg", List.of("r"), List.of("y")));
    // r: declared [7, ?], inferred [n, ?] -> [7, ?]; y: declared [?, k], inferred [7, ?].
    assertEquals(type(FLOAT, 7, null), infer(g, 17, "r"));
    assertEquals(type(FLOAT, 7, "k"), infer(g, 17, "y"));
  }

  @Test
  void graphOutputsWithoutATypeGetTheInferredOne() {
    Graph g = graph("g", List.of(value("x", FLOAT, 3)), List.of(output("y")));
    g.nodes().add(node("cast", "Cast", List.of("x"), List.of("y"),
        Attribute.of("to", (long) INT64.onnxCode())));
    IrModel m = new ShapeInference().apply(model(g, 17));
    assertEquals(type(INT64, 3), m.graph().outputs().get(0).type());
    assertTrue(m.graph().valueTypes().isEmpty(), "outputs are typed in place");
  }

  @Test
  void recurrentOutputsFollowTheLayout() {
    Graph g = graph("g", List.of(value("x", FLOAT, "seq", "batch", 8),
        value("w", FLOAT, 2, 64, 8), value("r", FLOAT, 2, 64, 16),
        value("xb", FLOAT, "batch", "seq", 8), value("wg", FLOAT, 1, 48, 8),
        value("rg", FLOAT, 1, 48, 16)),
        List.of(output("y"), output("yh"), output("yc"), output("by"), output("byh"),
            output("gy"), output("gyh")));
    g.nodes().add(node("lstm", "LSTM", List.of("x", "w", "r"), List.of("y", "yh", "yc"),
        Attribute.of("hidden_size", 16L), Attribute.of("direction", "bidirectional")));
    g.nodes().add(node("lstm1", "LSTM", List.of("xb", "w", "r"), List.of("by", "byh"),
        Attribute.of("hidden_size", 16L), Attribute.of("direction", "bidirectional"),
        Attribute.of("layout", 1L)));
    // no hidden_size: R [num_directions, 3 * hidden, hidden] gives it
    g.nodes().add(node("gru", "GRU", List.of("x", "wg", "rg"), List.of("gy", "gyh")));
    IrModel m = new ShapeInference().apply(model(g, 14));
    Graph out = m.graph();
    assertEquals(type(FLOAT, "seq", 2, "batch", 16), out.outputs().get(0).type());
    assertEquals(type(FLOAT, 2, "batch", 16), out.outputs().get(1).type());
    assertEquals(type(FLOAT, 2, "batch", 16), out.outputs().get(2).type());
    assertEquals(type(FLOAT, "batch", "seq", 2, 16), out.outputs().get(3).type());
    assertEquals(type(FLOAT, "batch", 2, 16), out.outputs().get(4).type());
    assertEquals(type(FLOAT, "seq", 1, "batch", 16), out.outputs().get(5).type());
    assertEquals(type(FLOAT, 1, "batch", 16), out.outputs().get(6).type());
  }

  @Test
  void unsqueezeAndSqueezeTakeAxesFromTheAttributeBefore13AndTheInputFrom13() {
    Graph old = graph("g", List.of(value("x", FLOAT, 3, 4)), List.of(output("y"), output("z")));
    old.nodes().add(node("u", "Unsqueeze", List.of("x"), List.of("y"),
        Attribute.ints("axes", 0, -1)));
    old.nodes().add(node("s", "Squeeze", List.of("y"), List.of("z"), Attribute.ints("axes", 0)));
    assertEquals(type(FLOAT, 1, 3, 4, 1), infer(old.copy(), 11, "y"));
    assertEquals(type(FLOAT, 3, 4, 1), infer(old, 11, "z"));

    Graph now = graph("g", List.of(value("x", FLOAT, 3, 4)), List.of(output("y"), output("z")));
    now.initializers().put("axes", Tensor.of(new long[] {1}, 1));
    now.nodes().add(node("u", "Unsqueeze", List.of("x", "axes"), List.of("y")));
    now.nodes().add(node("s", "Squeeze", List.of("y"), List.of("z"))); // all dims of 1
    assertEquals(type(FLOAT, 3, 1, 4), infer(now.copy(), 13, "y"));
    assertEquals(type(FLOAT, 3, 4), infer(now, 13, "z"));
  }

  @Test
  void reductionAxesComeFromTheAttributeOrTheInputByOpset() {
    Graph old = graph("g", List.of(value("x", FLOAT, 2, 3, 4)), List.of(output("y")));
    old.nodes().add(node("m", "ReduceMean", List.of("x"), List.of("y"),
        Attribute.ints("axes", 1), Attribute.of("keepdims", 0L)));
    assertEquals(type(FLOAT, 2, 4), infer(old, 13, "y"));

    Graph now = graph("g", List.of(value("x", FLOAT, 2, 3, 4)), List.of(output("y"),
        output("all")));
    now.initializers().put("axes", Tensor.of(new long[] {-1}, 1));
    now.nodes().add(node("m", "ReduceMean", List.of("x", "axes"), List.of("y")));
    now.nodes().add(node("s", "ReduceSum", List.of("x"), List.of("all"),
        Attribute.of("keepdims", 0L)));
    assertEquals(type(FLOAT, 2, 3, 1), infer(now.copy(), 18, "y"));
    assertEquals(type(FLOAT), infer(now, 18, "all"));
  }

  @Test
  void convolutionAndPoolingFollowPadsStridesDilationsAndAutoPad() {
    Graph g = graph("g", List.of(value("x", FLOAT, "n", 3, 32, 32), value("w", FLOAT, 8, 3, 3, 3)),
        List.of(output("c"), output("same"), output("pool"), output("t")));
    // floor((32 + 1 + 1 - ((3 - 1) * 2 + 1)) / 2) + 1 = floor(29 / 2) + 1 = 15
    g.nodes().add(node("conv", "Conv", List.of("x", "w"), List.of("c"),
        Attribute.ints("pads", 1, 1, 1, 1), Attribute.ints("strides", 2, 2),
        Attribute.ints("dilations", 2, 2)));
    // SAME_UPPER: ceil(32 / 3) = 11
    g.nodes().add(node("same", "Conv", List.of("x", "w"), List.of("same"),
        Attribute.of("auto_pad", "SAME_UPPER"), Attribute.ints("strides", 3, 3)));
    // ceil((32 - 3) / 2) + 1 = 16; the 16th window starts at 30 < 32 + 0, so it stays
    g.nodes().add(node("pool", "MaxPool", List.of("x"), List.of("pool"),
        Attribute.ints("kernel_shape", 3, 3), Attribute.ints("strides", 2, 2),
        Attribute.of("ceil_mode", 1L)));
    // 2 * (32 - 1) + 0 + 3 - 0 = 65 spatially, W's dim 1 (3) * group 1 channels
    g.nodes().add(node("t", "ConvTranspose", List.of("x", "w"), List.of("t"),
        Attribute.ints("strides", 2, 2)));
    IrModel m = new ShapeInference().apply(model(g, 17));
    assertEquals(type(FLOAT, "n", 8, 15, 15), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, "n", 8, 11, 11), m.graph().outputs().get(1).type());
    assertEquals(type(FLOAT, "n", 3, 16, 16), m.graph().outputs().get(2).type());
    assertEquals(type(FLOAT, "n", 3, 65, 65), m.graph().outputs().get(3).type());
  }

  @Test
  void sliceClampsLikeTheSpecAndKeepsASymbolSlicedWhole() {
    Graph g = graph("g", List.of(value("x", FLOAT, "batch", 10)), List.of(output("y")));
    g.initializers().put("starts", Tensor.of(new long[] {0, -1}, 2));
    g.initializers().put("ends", Tensor.of(new long[] {Long.MAX_VALUE, -100}, 2));
    g.initializers().put("axes", Tensor.of(new long[] {0, 1}, 2));
    g.initializers().put("steps", Tensor.of(new long[] {1, -2}, 2));
    g.nodes().add(node("slice", "Slice", List.of("x", "starts", "ends", "axes", "steps"),
        List.of("y")));
    // axis 1: start -1 -> 9, end -100 -> clamped to -1, step -2: 9, 7, 5, 3, 1
    assertEquals(type(FLOAT, "batch", 5), infer(g, 13, "y"));
  }

  @Test
  void splitSizesComeFromTheInputOrNumOutputs() {
    Graph g = graph("g", List.of(value("x", FLOAT, 10, "n")),
        List.of(output("a"), output("b"), output("c")));
    g.nodes().add(node("split", "Split", List.of("x"), List.of("a", "b", "c"),
        Attribute.of("num_outputs", 3L)));
    IrModel m = new ShapeInference().apply(model(g, 18));
    // ceil(10 / 3) = 4, 4, and the remaining 2
    assertEquals(type(FLOAT, 4, "n"), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, 4, "n"), m.graph().outputs().get(1).type());
    assertEquals(type(FLOAT, 2, "n"), m.graph().outputs().get(2).type());
  }

  @Test
  void matMulPromotesOneDimensionalOperandsAndBroadcastsBatches() {
    Graph g = graph("g", List.of(value("v", FLOAT, 3), value("m", FLOAT, 3, 4),
        value("b", FLOAT, "b", 1, 2, 3), value("c", FLOAT, 5, 3, 4)),
        List.of(output("vm"), output("bv"), output("bc")));
    g.nodes().add(node("vm", "MatMul", List.of("v", "m"), List.of("vm")));
    g.nodes().add(node("bv", "MatMul", List.of("b", "v"), List.of("bv")));
    g.nodes().add(node("bc", "MatMul", List.of("b", "c"), List.of("bc")));
    IrModel m = new ShapeInference().apply(model(g, 13));
    assertEquals(type(FLOAT, 4), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, "b", 1, 2), m.graph().outputs().get(1).type());
    assertEquals(type(FLOAT, "b", 5, 2, 4), m.graph().outputs().get(2).type());
  }

  @Test
  void einsumTakesEachLetterFromTheOperandsExplicitlyOrImplicitly() {
    Graph g = graph("g", List.of(value("a", FLOAT, "b", 2, 3), value("c", FLOAT, "b", 3, 4)),
        List.of(output("x"), output("y")));
    g.nodes().add(node("e1", "Einsum", List.of("a", "c"), List.of("x"),
        Attribute.of("equation", "bij,bjk->bik")));
    // implicit output: letters that occur once (i, k), in alphabetical order, after "..."
    g.nodes().add(node("e2", "Einsum", List.of("a", "c"), List.of("y"),
        Attribute.of("equation", "...ij,...jk")));
    IrModel m = new ShapeInference().apply(model(g, 12));
    assertEquals(type(FLOAT, "b", 2, 4), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, "b", 2, 4), m.graph().outputs().get(1).type());
  }

  private static Graph branch(String name, String out, Node... nodes) {
    Graph b = graph(name, List.of(), List.of(output(out)));
    b.nodes().addAll(List.of(nodes));
    return b;
  }

  @Test
  void ifYieldsWhatBothBranchesShareAndSeesOuterTypes() {
    Graph g = graph("g", List.of(value("c", BOOL), value("x", FLOAT, "batch", 3),
        value("z", FLOAT, "batch", 4)), List.of(output("y")));
    Graph then = branch("then", "t", node("relu", "Relu", List.of("x"), List.of("t")));
    Graph otherwise = branch("else", "e", node("neg", "Neg", List.of("z"), List.of("e")));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"), Attribute.of("then_branch", then),
        Attribute.of("else_branch", otherwise)));
    IrModel m = new ShapeInference().apply(model(g, 16));
    assertEquals(type(FLOAT, "batch", null), m.graph().outputs().get(0).type());
    // each branch got its own output typed from the outer x and z
    assertEquals(type(FLOAT, "batch", 3), then.outputs().get(0).type());
    assertEquals(type(FLOAT, "batch", 4), otherwise.outputs().get(0).type());
  }

  @Test
  void ifWithAConstantConditionYieldsTheTakenBranchType() {
    Graph g = graph("g", List.of(value("x", FLOAT, "batch", 3), value("z", FLOAT, 4)),
        List.of(output("y")));
    g.initializers().put("c", Tensor.scalar(false));
    Graph then = branch("then", "t", node("relu", "Relu", List.of("x"), List.of("t")));
    Graph otherwise = branch("else", "e", node("neg", "Neg", List.of("z"), List.of("e")));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"), Attribute.of("then_branch", then),
        Attribute.of("else_branch", otherwise)));
    assertEquals(type(FLOAT, 4), infer(g, 16, "y"));
  }

  @Test
  void loopStacksScanOutputsAndGeneralizesGrowingCarriedValues() {
    // Loop M=3 (no condition input): v = Concat(v, x) grows, s = Relu(x) is stacked.
    Graph g = graph("g", List.of(value("x", FLOAT, 1, 2), value("v0", FLOAT, 1, 2)),
        List.of(output("v"), output("s")));
    g.initializers().put("m", Tensor.scalar(3L));
    Graph body = graph("body", List.of(value("i", INT64), value("cond", BOOL), output("vin")),
        List.of(output("cond_out"), output("vout"), output("sout")));
    body.nodes().add(node("id", "Identity", List.of("cond"), List.of("cond_out")));
    body.nodes().add(node("cat", "Concat", List.of("vin", "x"), List.of("vout"),
        Attribute.of("axis", 0L)));
    body.nodes().add(node("relu", "Relu", List.of("x"), List.of("sout")));
    g.nodes().add(node("loop", "Loop", List.of("m", "", "v0"), List.of("v", "s"),
        Attribute.of("body", body)));
    IrModel m = new ShapeInference().apply(model(g, 16));
    assertEquals(type(FLOAT, null, 2), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, 3, 1, 2), m.graph().outputs().get(1).type());
    assertEquals(type(FLOAT, null, 2), body.inputs().get(2).type(), "the body input is typed");
  }

  @Test
  void scanSlicesInputsAlongTheirAxisAndStacksOutputsAlongTheirs() {
    Graph g = graph("g", List.of(value("s0", FLOAT, 2), value("xs", FLOAT, 5, 2)),
        List.of(output("s"), output("ys")));
    Graph body = graph("body", List.of(output("sin"), output("x")),
        List.of(output("sout"), output("y")));
    body.nodes().add(node("add", "Add", List.of("sin", "x"), List.of("sout")));
    body.nodes().add(node("id", "Identity", List.of("sout"), List.of("y")));
    g.nodes().add(node("scan", "Scan", List.of("s0", "xs"), List.of("s", "ys"),
        Attribute.of("body", body), Attribute.of("num_scan_inputs", 1L),
        Attribute.ints("scan_output_axes", 1)));
    IrModel m = new ShapeInference().apply(model(g, 16));
    assertEquals(type(FLOAT, 2), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, 2, 5), m.graph().outputs().get(1).type());
    assertEquals(type(FLOAT, 2), body.inputs().get(1).type(), "the per-iteration slice");
  }

  @Test
  void operatorsOfOtherDomainsKeepTheirDeclaredTypes() {
    Graph g = graph("g", List.of(value("x", FLOAT, 3)), List.of(output("y")));
    g.valueTypes().put("c", type(FLOAT, 3, 3));
    g.nodes().add(new Node("custom", "Fancy", "com.example", List.of("x"), List.of("c"),
        Map.of()));
    g.nodes().add(node("relu", "Relu", List.of("c"), List.of("y")));
    IrModel m = new IrModel(8, Map.of("ai.onnx", 17L, "com.example", 1L), Map.of(), "", "", "",
        g);
    new ShapeInference().apply(m);
    assertEquals(type(FLOAT, 3, 3), m.graph().outputs().get(0).type());
  }

  @Test
  void shapeFromOpset15TakesStartAndEnd() {
    Graph g = graph("g", List.of(value("x", FLOAT, "a", 2, 3, 4)),
        List.of(output("s"), output("y")));
    g.nodes().add(node("shape", "Shape", List.of("x"), List.of("s"), Attribute.of("start", 1L),
        Attribute.of("end", -1L)));
    g.nodes().add(node("fill", "ConstantOfShape", List.of("s"), List.of("y")));
    IrModel m = new ShapeInference().apply(model(g, 15));
    assertEquals(type(INT64, 2), m.graph().outputs().get(0).type());
    assertEquals(type(FLOAT, 2, 3), m.graph().outputs().get(1).type());
  }

  @Test
  void symbolicDimsFlowThroughDataMovementAndNormalizationOps() {
    Graph g = graph("g", List.of(value("x", FLOAT, "batch", 3, 4), value("col", FLOAT, "batch", 1),
        value("wide", FLOAT, "batch", 5), value("p", FLOAT, "batch", 2),
        value("d", FLOAT, "batch", 8, 2, 3), value("q", FLOAT, "n", 2)),
        List.of(output("flat"), output("exp"), output("tile"), output("pad"), output("gat"),
            output("vals"), output("idx"), output("arg"), output("d2s"), output("mean"),
            output("mask"), output("cat1"), output("cat0")));
    g.initializers().put("reps", Tensor.of(new long[] {1, 3}, 2));
    g.initializers().put("pads", Tensor.of(new long[] {0, 1, 0, 2}, 4));
    g.initializers().put("ids", Tensor.of(new long[] {0, 1, 2, 0, 1, 2}, 2, 3));
    g.initializers().put("k", Tensor.of(new long[] {2}, 1));
    g.initializers().put("scale", Tensor.of(new float[4], 4));
    g.nodes().add(node("flatten", "Flatten", List.of("x"), List.of("flat")));
    g.nodes().add(node("shape", "Shape", List.of("wide"), List.of("ws")));
    g.nodes().add(node("expand", "Expand", List.of("col", "ws"), List.of("exp")));
    g.nodes().add(node("tile", "Tile", List.of("p", "reps"), List.of("tile")));
    g.nodes().add(node("pad", "Pad", List.of("p", "pads"), List.of("pad")));
    g.nodes().add(node("gather", "Gather", List.of("x", "ids"), List.of("gat"),
        Attribute.of("axis", 1L)));
    g.nodes().add(node("topk", "TopK", List.of("x", "k"), List.of("vals", "idx")));
    g.nodes().add(node("argmax", "ArgMax", List.of("x"), List.of("arg"),
        Attribute.of("axis", 1L), Attribute.of("keepdims", 0L)));
    g.nodes().add(node("d2s", "DepthToSpace", List.of("d"), List.of("d2s"),
        Attribute.of("blocksize", 2L)));
    g.nodes().add(node("ln", "LayerNormalization", List.of("x", "scale"),
        List.of("normed", "mean")));
    g.nodes().add(node("drop", "Dropout", List.of("x"), List.of("dropped", "mask")));
    g.nodes().add(node("cat1", "Concat", List.of("p", "wide"), List.of("cat1"),
        Attribute.of("axis", 1L)));
    g.nodes().add(node("cat0", "Concat", List.of("p", "q"), List.of("cat0"),
        Attribute.of("axis", 0L)));
    IrModel m = new ShapeInference().apply(model(g, 17));
    List<ValueType> out = m.graph().outputs().stream().map(v -> v.type()).toList();
    assertEquals(List.of(type(FLOAT, "batch", 12), type(FLOAT, "batch", 5),
        type(FLOAT, "batch", 6), type(FLOAT, "batch", 5), type(FLOAT, "batch", 2, 3, 4),
        type(FLOAT, "batch", 3, 2), type(INT64, "batch", 3, 2), type(INT64, "batch", 4),
        type(FLOAT, "batch", 2, 4, 6), type(FLOAT, "batch", 3, 1), type(BOOL, "batch", 3, 4),
        type(FLOAT, "batch", 7), type(FLOAT, null, 2)), out);
  }
}
