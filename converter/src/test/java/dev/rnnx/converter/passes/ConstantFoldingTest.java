package dev.rnnx.converter.passes;

import static dev.rnnx.converter.passes.Graphs.graph;
import static dev.rnnx.converter.passes.Graphs.model;
import static dev.rnnx.converter.passes.Graphs.node;
import static dev.rnnx.converter.passes.Graphs.output;
import static dev.rnnx.converter.passes.Graphs.value;
import static dev.rnnx.tensor.ElementType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.SparseTensor;
import dev.rnnx.converter.onnx.ModelFormatException;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Constant folding on small graphs; each expected value is worked out here from the spec. */
class ConstantFoldingTest {
  /** A graph computing {@code out} from initializers by one node. */
  private static Graph oneNode(Node n, Map<String, Tensor> constants) {
    Graph g = graph("g", List.of(), List.of(output(n.outputs().get(0))));
    g.initializers().putAll(constants);
    g.nodes().add(n);
    return g;
  }

  private static Tensor fold(Graph g, long opset, String value) {
    IrModel m = new ConstantFolding().apply(model(g, opset));
    return m.graph().initializers().get(value);
  }

  @Test
  void constantsOfEveryValueAttributeBecomeInitializers() {
    Graph g = graph("g", List.of(), List.of());
    Object[][] forms = {
        {Attribute.of("value", Tensor.of(new float[] {1, 2}, 2)), Tensor.of(new float[] {1, 2}, 2)},
        {Attribute.of("value_float", 2.5f), Tensor.scalar(2.5f)},
        {Attribute.floats("value_floats", 1f, 3f), Tensor.of(new float[] {1, 3}, 2)},
        {Attribute.of("value_int", 7L), Tensor.scalar(7L)},
        {Attribute.ints("value_ints", 4, 5, 6), Tensor.of(new long[] {4, 5, 6}, 3)},
        {Attribute.of("value_string", "a"), Tensor.scalar("a")},
        {Attribute.strings("value_strings", "x", "y"), Tensor.of(new String[] {"x", "y"}, 2)},
    };
    for (int i = 0; i < forms.length; i++) {
      g.nodes().add(node("c" + i, "Constant", List.of(), List.of("v" + i),
          (Attribute) forms[i][0]));
      g.outputs().add(output("v" + i));
    }
    IrModel m = new ConstantFolding().apply(model(g, 19));
    for (int i = 0; i < forms.length; i++) {
      assertEquals(forms[i][1], m.graph().initializers().get("v" + i), "form " + i);
    }
    assertTrue(m.graph().nodes().isEmpty());
  }

  @Test
  void aSparseConstantStays() {
    SparseTensor s = new SparseTensor(Tensor.of(new float[] {5}, 1), Tensor.of(new long[] {1}, 1),
        List.of(3L));
    Graph g = graph("g", List.of(), List.of(output("v")));
    g.nodes().add(node("c", "Constant", List.of(), List.of("v"),
        new Attribute("sparse_value", Attribute.Kind.SPARSE_TENSOR, s)));
    assertNull(fold(g, 13, "v"));
  }

  @Test
  void integerDivisionTruncatesTowardsZeroAndByZeroStays() {
    Map<String, Tensor> in = Map.of("a", Tensor.of(new long[] {-7, 7, -7, 1}, 4),
        "b", Tensor.of(new long[] {2, -2, -2, 3}, 4));
    Tensor q = fold(oneNode(node("div", "Div", List.of("a", "b"), List.of("q")), in), 14, "q");
    assertArrayEquals(new long[] {-3, -3, 3, 0}, q.toLongArray());

    Map<String, Tensor> zero = Map.of("a", Tensor.of(new int[] {1}, 1),
        "b", Tensor.of(new int[] {0}, 1));
    assertNull(fold(oneNode(node("div", "Div", List.of("a", "b"), List.of("q")), zero), 14, "q"));
  }

  @Test
  void arithmeticBroadcastsAndWrapsToTheElementType() {
    Map<String, Tensor> in = Map.of("a", Tensor.of(new int[] {1, 2}, 2, 1),
        "b", Tensor.of(new int[] {10, 20, Integer.MAX_VALUE}, 3));
    Tensor sum = fold(oneNode(node("add", "Add", List.of("a", "b"), List.of("s")), in), 14, "s");
    assertArrayEquals(new long[] {2, 3}, sum.shape());
    // int32 addition wraps: MAX_VALUE + 1 = MIN_VALUE
    assertArrayEquals(new long[] {11, 21, Integer.MIN_VALUE, 12, 22, Integer.MIN_VALUE + 1},
        sum.toLongArray());
  }

  @Test
  void floatArithmeticRoundsOnceToFloat32() {
    Map<String, Tensor> in = Map.of("a", Tensor.of(new float[] {0.1f, 1e30f}, 2),
        "b", Tensor.of(new float[] {0.2f, 1e30f}, 2));
    Tensor p = fold(oneNode(node("mul", "Mul", List.of("a", "b"), List.of("p")), in), 14, "p");
    assertArrayEquals(new float[] {0.1f * 0.2f, Float.POSITIVE_INFINITY}, p.toFloatArray());
  }

  @Test
  void minAndMaxTakeManyOperandsAndPropagateNaN() {
    Map<String, Tensor> in = Map.of("a", Tensor.of(new float[] {1, Float.NaN, 5}, 3),
        "b", Tensor.of(new float[] {3}, 1), "c", Tensor.of(new float[] {2, 0, 9}, 3));
    Tensor min = fold(oneNode(node("min", "Min", List.of("a", "b", "c"), List.of("m")), in),
        13, "m");
    assertArrayEquals(new float[] {1, Float.NaN, 3}, min.toFloatArray());
  }

  @Test
  void unsignedSixtyFourBitValuesCompareAndDivideUnsigned() {
    long big = -2; // 2^64 - 2 as uint64
    Map<String, Tensor> in = Map.of(
        "a", Tensor.ofLongs(ElementType.UINT64, new long[] {big, 6}, 2),
        "b", Tensor.ofLongs(ElementType.UINT64, new long[] {2, 4}, 2));
    Graph g = graph("g", List.of(), List.of(output("q"), output("gt")));
    g.initializers().putAll(in);
    g.nodes().add(node("div", "Div", List.of("a", "b"), List.of("q")));
    g.nodes().add(node("gt", "Greater", List.of("a", "b"), List.of("gt")));
    IrModel m = new ConstantFolding().apply(model(g, 14));
    assertArrayEquals(new long[] {Long.MAX_VALUE, 1}, m.graph().initializers().get("q")
        .toLongArray());
    assertEquals(Tensor.of(new boolean[] {true, true}, 2), m.graph().initializers().get("gt"));
  }

  @Test
  void comparisonsTreatNaNAsUnorderedAndLogicWorksOnBools() {
    Map<String, Tensor> in = Map.of("a", Tensor.of(new float[] {1, Float.NaN, 3}, 3),
        "b", Tensor.of(new float[] {1, Float.NaN, 2}, 3),
        "t", Tensor.of(new boolean[] {true, false}, 2), "u", Tensor.of(new boolean[] {true}, 1));
    Graph g = graph("g", List.of(), List.of(output("eq"), output("le"), output("gt"),
        output("and"), output("not")));
    g.initializers().putAll(in);
    g.nodes().add(node("eq", "Equal", List.of("a", "b"), List.of("eq")));
    g.nodes().add(node("le", "LessOrEqual", List.of("a", "b"), List.of("le")));
    g.nodes().add(node("gt", "Greater", List.of("a", "b"), List.of("gt")));
    g.nodes().add(node("and", "And", List.of("t", "u"), List.of("and")));
    g.nodes().add(node("not", "Not", List.of("t"), List.of("not")));
    Map<String, Tensor> out = new ConstantFolding().apply(model(g, 16)).graph().initializers();
    assertEquals(Tensor.of(new boolean[] {true, false, false}, 3), out.get("eq"));
    assertEquals(Tensor.of(new boolean[] {true, false, false}, 3), out.get("le"));
    assertEquals(Tensor.of(new boolean[] {false, false, true}, 3), out.get("gt"));
    assertEquals(Tensor.of(new boolean[] {true, false}, 2), out.get("and"));
    assertEquals(Tensor.of(new boolean[] {false, true}, 2), out.get("not"));
  }

  @Test
  void castTruncatesFloatsAndWrapsIntegersAsCDoes() {
    Map<String, Tensor> in = Map.of("f", Tensor.of(new float[] {-1.7f, 2.9f, 300.5f}, 3),
        "z", Tensor.of(new float[] {0, -0f, Float.NaN, 2}, 4));
    Graph g = graph("g", List.of(), List.of(output("i8"), output("b")));
    g.initializers().putAll(in);
    g.nodes().add(node("c1", "Cast", List.of("f"), List.of("i8"),
        Attribute.of("to", (long) ElementType.INT8.onnxCode())));
    g.nodes().add(node("c2", "Cast", List.of("z"), List.of("b"),
        Attribute.of("to", (long) ElementType.BOOL.onnxCode())));
    Map<String, Tensor> out = new ConstantFolding().apply(model(g, 19)).graph().initializers();
    // truncation towards zero, then 300 wraps to 300 - 256 = 44
    assertEquals(Tensor.ofLongs(ElementType.INT8, new long[] {-1, 2, 44}, 3), out.get("i8"));
    assertEquals(Tensor.of(new boolean[] {false, false, true, true}, 4), out.get("b"));
  }

  @Test
  void whereGatherSliceAndTransposeMoveStringsToo() {
    Map<String, Tensor> in = Map.of(
        "s", Tensor.of(new String[] {"a", "b", "c", "d", "e", "f"}, 2, 3),
        "cond", Tensor.of(new boolean[] {true, false, true}, 3),
        "other", Tensor.scalar("-"),
        "idx", Tensor.of(new long[] {-1, 0}, 2),
        "starts", Tensor.of(new long[] {2}, 1), "ends", Tensor.of(new long[] {-100}, 1),
        "axes", Tensor.of(new long[] {1}, 1), "steps", Tensor.of(new long[] {-2}, 1));
    Graph g = graph("g", List.of(), List.of(output("w"), output("gat"), output("sl"),
        output("t")));
    g.initializers().putAll(in);
    g.nodes().add(node("where", "Where", List.of("cond", "s", "other"), List.of("w")));
    g.nodes().add(node("gather", "Gather", List.of("s", "idx"), List.of("gat"),
        Attribute.of("axis", 1L)));
    g.nodes().add(node("slice", "Slice", List.of("s", "starts", "ends", "axes", "steps"),
        List.of("sl")));
    g.nodes().add(node("tr", "Transpose", List.of("s"), List.of("t")));
    Map<String, Tensor> out = new ConstantFolding().apply(model(g, 13)).graph().initializers();
    assertEquals(Tensor.of(new String[] {"a", "-", "c", "d", "-", "f"}, 2, 3), out.get("w"));
    assertEquals(Tensor.of(new String[] {"c", "a", "f", "d"}, 2, 2), out.get("gat"));
    // columns 2, 0 (start 2, end clamped to -1, step -2)
    assertEquals(Tensor.of(new String[] {"c", "a", "f", "d"}, 2, 2), out.get("sl"));
    assertEquals(Tensor.of(new String[] {"a", "d", "b", "e", "c", "f"}, 3, 2), out.get("t"));
  }

  @Test
  void gatherOutOfRangeIsAModelErrorNamingTheNode() {
    Map<String, Tensor> in = Map.of("d", Tensor.of(new long[] {1, 2, 3}, 3),
        "i", Tensor.scalar(3L));
    Graph g = oneNode(node("pick", "Gather", List.of("d", "i"), List.of("o")), in);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new ConstantFolding().apply(model(g, 13)));
    assertTrue(e.getMessage().startsWith("node 'pick' (Gather): "), e.getMessage());
  }

  @Test
  void rangeCountsUpAndDownInTheElementType() {
    Map<String, Tensor> ints = Map.of("s", Tensor.scalar(10L), "l", Tensor.scalar(0L),
        "d", Tensor.scalar(-3L));
    assertArrayEquals(new long[] {10, 7, 4, 1}, fold(oneNode(node("r", "Range",
        List.of("s", "l", "d"), List.of("o")), ints), 11, "o").toLongArray());
    Map<String, Tensor> floats = Map.of("s", Tensor.scalar(1f), "l", Tensor.scalar(2f),
        "d", Tensor.scalar(0.25f));
    assertArrayEquals(new float[] {1, 1.25f, 1.5f, 1.75f}, fold(oneNode(node("r", "Range",
        List.of("s", "l", "d"), List.of("o")), floats), 11, "o").toFloatArray());
  }

  @Test
  void integerReductionsFollowAxesKeepdimsAndNoop() {
    Tensor x = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Graph g = graph("g", List.of(), List.of(output("rows"), output("all"), output("noop")));
    g.initializers().put("x", x);
    g.initializers().put("axes", Tensor.of(new long[] {-1}, 1));
    g.initializers().put("none", Tensor.of(new long[0], 0));
    g.nodes().add(node("sum", "ReduceSum", List.of("x", "axes"), List.of("rows"),
        Attribute.of("keepdims", 0L)));
    g.nodes().add(node("prod", "ReduceProd", List.of("x"), List.of("all"))); // attribute form
    g.nodes().add(node("noop", "ReduceSum", List.of("x", "none"), List.of("noop"),
        Attribute.of("noop_with_empty_axes", 1L)));
    Map<String, Tensor> out = new ConstantFolding().apply(model(g, 13)).graph().initializers();
    assertEquals(Tensor.of(new long[] {6, 15}, 2), out.get("rows"));
    assertEquals(Tensor.of(new long[] {720}, 1, 1), out.get("all"));
    assertEquals(x, out.get("noop"));
  }

  @Test
  void unsqueezeAndSqueezeAxesByOpset() {
    Map<String, Tensor> in = Map.of("x", Tensor.of(new long[] {1, 2, 3}, 3),
        "axes", Tensor.of(new long[] {0, 2}, 2));
    Tensor old = fold(oneNode(node("u", "Unsqueeze", List.of("x"), List.of("o"),
        Attribute.ints("axes", 0, 2)), in), 11, "o");
    Tensor now = fold(oneNode(node("u", "Unsqueeze", List.of("x", "axes"), List.of("o")), in),
        13, "o");
    assertArrayEquals(new long[] {1, 3, 1}, old.shape());
    assertEquals(old, now);
  }

  @Test
  void shapeChainsOfExportersCollapseOnceShapesAreKnown() {
    // x: [2, 3, 4] is a graph input; Shape -> Gather(1) -> Unsqueeze -> Concat([-1], .)
    Graph g = graph("g", List.of(value("x", FLOAT, 2, 3, 4)), List.of(output("y")));
    g.initializers().put("one", Tensor.scalar(1L));
    g.initializers().put("axes", Tensor.of(new long[] {0}, 1));
    g.initializers().put("rest", Tensor.of(new long[] {-1}, 1));
    g.nodes().add(node("shape", "Shape", List.of("x"), List.of("s")));
    g.nodes().add(node("gather", "Gather", List.of("s", "one"), List.of("d")));
    g.nodes().add(node("unsq", "Unsqueeze", List.of("d", "axes"), List.of("d1")));
    g.nodes().add(node("concat", "Concat", List.of("rest", "d1"), List.of("target"),
        Attribute.of("axis", 0L)));
    g.nodes().add(node("reshape", "Reshape", List.of("x", "target"), List.of("y")));
    IrModel m = new ConstantFolding().apply(new ShapeInference().apply(model(g, 13)));
    assertEquals(List.of("Reshape"), m.graph().nodes().stream().map(Node::opType).toList());
    assertEquals(Tensor.of(new long[] {-1, 3}, 2), m.graph().initializers().get("target"));
  }

  @Test
  void resultsOverTheCapStay() {
    Map<String, Tensor> in = Map.of("shape", Tensor.of(new long[] {2000, 1000}, 2));
    Graph g = oneNode(node("fill", "ConstantOfShape", List.of("shape"), List.of("o")), in);
    assertNull(fold(g.copy(), 13, "o"), "2M elements is over the default cap of 1M");
    IrModel m = new ConstantFolding(2_000_000).apply(model(g, 13));
    Tensor o = m.graph().initializers().get("o");
    assertArrayEquals(new long[] {2000, 1000}, o.shape());
    assertEquals(0f, o.getFloat(1_999_999));
  }

  @Test
  void anInitializerTheCallerMayOverrideIsNotConstant() {
    Graph g = graph("g", List.of(value("a", FLOAT, 1)), List.of(output("s")));
    g.initializers().put("a", Tensor.of(new float[] {1}, 1));
    g.initializers().put("b", Tensor.of(new float[] {2}, 1));
    g.nodes().add(node("add", "Add", List.of("a", "b"), List.of("s")));
    assertNull(fold(g, 13, "s"));
  }

  @Test
  void subgraphsFoldWithTheConstantsAroundThem() {
    Graph body = graph("then", List.of(), List.of(output("t")));
    body.nodes().add(node("add", "Add", List.of("a", "b"), List.of("t")));
    Graph other = graph("else", List.of(), List.of(output("a")));
    Graph g = graph("g", List.of(value("c", ElementType.BOOL)), List.of(output("y")));
    g.initializers().put("a", Tensor.of(new float[] {1}, 1));
    g.initializers().put("b", Tensor.of(new float[] {2}, 1));
    g.nodes().add(node("if", "If", List.of("c"), List.of("y"), Attribute.of("then_branch", body),
        Attribute.of("else_branch", other)));
    new ConstantFolding().apply(model(g, 16));
    assertTrue(body.nodes().isEmpty());
    assertEquals(Tensor.of(new float[] {3}, 1), body.initializers().get("t"));
    assertEquals(1, g.nodes().size(), "the If itself stays: its condition is an input");
  }

  @Test
  void anIrThreeModelIsLiftedWhenFoldingAddsInitializers() {
    Graph g = graph("g", List.of(), List.of(output("v")));
    g.nodes().add(node("c", "Constant", List.of(), List.of("v"), Attribute.of("value_int", 1L)));
    IrModel old = new IrModel(3, Map.of("ai.onnx", 8L), Map.of(), "", "", "", g);
    IrModel m = new ConstantFolding().apply(old);
    assertEquals(4, m.irVersion());
    assertEquals(Tensor.scalar(1L), m.graph().initializers().get("v"));
    assertEquals(3, new ConstantFolding().apply(new IrModel(3, Map.of("ai.onnx", 8L), Map.of(),
        "", "", "", graph("g", List.of(), List.of()))).irVersion(), "nothing folded: unchanged");
  }
}
