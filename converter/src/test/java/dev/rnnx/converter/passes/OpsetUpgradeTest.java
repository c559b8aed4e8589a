package dev.rnnx.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the upgrade writes: the opset stamp, the new forms of rewritten nodes, what it leaves
 * alone, and what it refuses. (Whether the results keep their values is checked by running
 * upgraded models on ONNX Runtime, in the runtime module.)
 */
class OpsetUpgradeTest {
  private static final ElementType F = ElementType.FLOAT;

  private static IrModel upgrade(LegacyGraph g) {
    IrModel m = new OpsetUpgrade().apply(g.model());
    OnnxReader.read(OnnxWriter.toBytes(m), null); // still a well-formed model
    return m;
  }

  private static List<String> ops(IrModel m) {
    return m.graph().nodes().stream().map(Node::opType).toList();
  }

  private static Node only(IrModel m, String op) {
    List<Node> found = m.graph().allNodes().stream().filter(n -> n.opType().equals(op))
        .toList();
    assertEquals(1, found.size(), op + " in " + ops(m));
    return found.get(0);
  }

  private static String refusal(LegacyGraph g) {
    RnnxException e = assertThrows(RnnxException.class,
        () -> new OpsetUpgrade().apply(g.model()));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void anOldModelIsStampedWithTheWindowsOldestOpset() {
    IrModel m = upgrade(LegacyGraph.at(7).input("x", F, 2).input("y", F, 2)
        .node("Add", List.of("x", "y"), List.of("z")).output("z"));
    assertEquals(Map.of(Node.DEFAULT_DOMAIN, OpsetUpgrade.OLDEST_OPSET), m.opsets());
    assertEquals(List.of("Add"), ops(m));
  }

  @Test
  void modelsInsideTheWindowAreLeftAlone() {
    for (long opset : new long[] {OpsetUpgrade.OLDEST_OPSET, 22, OpsetUpgrade.NEWEST_OPSET}) {
      IrModel model = LegacyGraph.at(opset).input("x", F, 2, 1)
          .node("Squeeze", List.of("x"), List.of("y")).output("y").model();
      assertSame(model, new OpsetUpgrade().apply(model));
    }
  }

  @Test
  void aNewerModelIsRestampedWithTheOldestOpsetThatKeepsItsOperatorVersions() {
    IrModel relu = LegacyGraph.at(27).input("x", F, 2)
        .node("Relu", List.of("x"), List.of("y")).output("y").model(); // Relu-14
    assertEquals(OpsetUpgrade.OLDEST_OPSET, new OpsetUpgrade().apply(relu).defaultOpset());
    IrModel swish = LegacyGraph.at(28).input("x", F, 2)
        .node("Swish", List.of("x"), List.of("y")).output("y").model(); // Swish-24
    assertEquals(24, new OpsetUpgrade().apply(swish).defaultOpset());
    IrModel celu = LegacyGraph.at(28).input("x", F, 2)
        .node("Celu", List.of("x"), List.of("y")).output("y").model(); // Celu-28 is new
    assertSame(celu, new OpsetUpgrade().apply(celu));
  }

  @Test
  void legacyAttributesBecomeInputs() {
    IrModel m = upgrade(LegacyGraph.at(11).input("x", F, 2, 1, 3)
        .node("Squeeze", List.of("x"), List.of("s"), Attribute.ints("axes", 1))
        .node("Unsqueeze", List.of("s"), List.of("u"), Attribute.ints("axes", 0))
        .node("ReduceMean", List.of("u"), List.of("r"), Attribute.ints("axes", 2))
        .node("Split", List.of("r"), List.of("a", "b"), Attribute.of("axis", 1L))
        .output("a").output("b"));
    for (String op : List.of("Squeeze", "Unsqueeze", "ReduceMean")) {
      Node n = only(m, op);
      assertEquals(2, n.inputs().size(), op);
      assertTrue(n.attribute("axes").isEmpty(), op);
    }
    assertEquals(2L, only(m, "Split").intAttr("num_outputs", 0));
  }

  @Test
  void subgraphNodesAreUpgradedToo() {
    Graph then = new Graph("then");
    then.outputs().add(new ValueInfo("t", null));
    then.nodes().add(Node.of("unsq", "Unsqueeze", List.of("x"), List.of("t"),
        List.of(Attribute.ints("axes", 0))));
    Graph otherwise = new Graph("else");
    otherwise.outputs().add(new ValueInfo("e", null));
    otherwise.nodes().add(Node.of("id", "Identity", List.of("x"), List.of("e"), List.of()));
    IrModel m = upgrade(LegacyGraph.at(11).input("c", ElementType.BOOL).input("x", F, 2)
        .node("If", List.of("c"), List.of("y"), Attribute.of("then_branch", then),
            Attribute.of("else_branch", otherwise)).output("y"));
    assertEquals(2, only(m, "Unsqueeze").inputs().size());
  }

  @Test
  void otherDomainsAreLeftAlone() {
    LegacyGraph g = LegacyGraph.at(9).importing("ai.onnx.ml", 1).input("x", F, 2);
    g.graph.nodes().add(new Node("ml", "Binarizer", "ai.onnx.ml", List.of("x"), List.of("y"),
        Map.of()));
    IrModel m = upgrade(g.output("y"));
    assertEquals("ai.onnx.ml", only(m, "Binarizer").domain());
  }

  @Test
  void legacyBroadcastAtAnAxisAppendsTrailingOnesToB() {
    IrModel m = upgrade(LegacyGraph.at(6).input("a", F, 2, 3, 4, 5).input("b", F, 3, 4)
        .node("Add", List.of("a", "b"), List.of("c"), Attribute.of("broadcast", 1L),
            Attribute.of("axis", 1L)).output("c"));
    Node unsqueeze = only(m, "Unsqueeze");
    Node add = only(m, "Add");
    assertEquals(unsqueeze.outputs().get(0), add.inputs().get(1));
    assertTrue(add.attributes().isEmpty());
  }

  @Test
  void softmaxOfAnInnerAxisIsFlattenedAndReshapedBack() {
    IrModel m = upgrade(LegacyGraph.at(11).input("x", F, 2, 3, 4)
        .node("Softmax", List.of("x"), List.of("y")).output("y"));
    assertEquals(List.of("Flatten", "Softmax", "Shape", "Reshape"), ops(m));
    assertEquals(-1L, only(m, "Softmax").intAttr("axis", 0));
    IrModel last = upgrade(LegacyGraph.at(11).input("x", F, 2, 3)
        .node("Softmax", List.of("x"), List.of("y")).output("y"));
    assertEquals(List.of("Softmax"), ops(last));
  }

  @Test
  void upsampleBecomesResizeWithTheOldCoordinateRules() {
    IrModel m = upgrade(LegacyGraph.at(1).input("x", F, 1, 1, 2, 2)
        .node("Upsample", List.of("x"), List.of("y"), Attribute.of("height_scale", 2f),
            Attribute.of("width_scale", 3f)).output("y"));
    Node resize = only(m, "Resize");
    assertEquals("asymmetric", resize.stringAttr("coordinate_transformation_mode", ""));
    assertEquals("floor", resize.stringAttr("nearest_mode", ""));
    assertEquals(List.of("x", ""), resize.inputs().subList(0, 2));
  }

  @Test
  void aBatchedScan8BecomesALoopOverTheBatch() {
    Graph body = new Graph("body");
    body.inputs().add(new ValueInfo("s_in", null));
    body.inputs().add(new ValueInfo("x_t", null));
    body.outputs().add(new ValueInfo("s_out", null));
    body.outputs().add(new ValueInfo("y_t", null));
    body.nodes().add(Node.of("add", "Add", List.of("s_in", "x_t"), List.of("s_out"),
        List.of()));
    body.nodes().add(Node.of("id", "Identity", List.of("s_out"), List.of("y_t"), List.of()));
    IrModel m = upgrade(LegacyGraph.at(8).input("s", F, 2, 3).input("x", F, 2, 4, 3)
        .node("Scan", List.of("", "s", "x"), List.of("final", "ys"), Attribute.of("body", body),
            Attribute.of("num_scan_inputs", 1L)).output("final").output("ys"));
    Node loop = only(m, "Loop");
    assertEquals(List.of("final", "ys"), loop.outputs());
    Node scan = only(m, "Scan");
    assertEquals(1L, scan.intAttr("num_scan_inputs", 0));
    assertEquals(2, scan.inputs().size());
  }

  @Test
  void whatCannotKeepItsMeaningIsRefusedNamingTheNode() {
    assertEquals("node 'batchnormalization0' (BatchNormalization): outputs saved_mean and"
        + " saved_var have no counterpart from version 14 on", refusal(LegacyGraph.at(6)
        .input("x", F, 2, 3).input("p", F, 3)
        .node("BatchNormalization", List.of("x", "p", "p", "p", "p"),
            List.of("y", "m", "v", "sm", "sv")).output("y").output("sm")));
    assertEquals("node 'split0' (Split): Split-1 has no default axis and none is given",
        refusal(LegacyGraph.at(1).input("x", F, 4)
            .node("Split", List.of("x"), List.of("a", "b")).output("a").output("b")));
    assertEquals("node 'add0' (Add): broadcast=1 with axis needs the ranks of both inputs,"
        + " and the rank of 'a' is unknown", refusal(LegacyGraph.at(6).shapelessInput("a", F)
        .input("b", F, 3).node("Add", List.of("a", "b"), List.of("c"),
            Attribute.of("broadcast", 1L), Attribute.of("axis", 1L)).output("c")));
    assertEquals("node 'lppool0' (LpPool): p = 2.5 is not an integer, which version 2"
        + " requires", refusal(LegacyGraph.at(1).input("x", F, 1, 1, 4)
        .node("LpPool", List.of("x"), List.of("y"), Attribute.of("p", 2.5f),
            Attribute.ints("kernel_shape", 2)).output("y")));
    assertEquals("node 'scan0' (Scan): sequence_lens has no counterpart from Scan-9 on",
        refusal(LegacyGraph.at(8).input("n", ElementType.INT32, 1).input("x", F, 1, 2, 3)
            .node("Scan", List.of("n", "x"), List.of("y"), Attribute.of("body", new Graph("b")),
                Attribute.of("num_scan_inputs", 1L)).output("y")));
  }

  @Test
  void aWindowOutsideTheSupportedRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OpsetUpgrade(13, 26));
    assertThrows(IllegalArgumentException.class, () -> new OpsetUpgrade(18, 29));
    assertEquals("the window of opsets must lie in [18, 28] with oldest <= newest, got [24, 20]",
        assertThrows(IllegalArgumentException.class, () -> new OpsetUpgrade(24, 20))
            .getMessage());
  }

  @Test
  void splitLengthsGivenAsAConstantInputOfSplit1BecomeTheAttributeThenAnInput() {
    IrModel m = upgrade(LegacyGraph.at(1).input("x", F, 2, 3)
        .constant("lengths", Tensor.of(new float[] {2, 1}, 2))
        .node("Split", List.of("x", "lengths"), List.of("a", "b"), Attribute.of("axis", 1L))
        .output("a").output("b"));
    Node split = only(m, "Split");
    assertEquals(2, split.inputs().size());
    Node lengths = m.graph().nodes().stream()
        .filter(n -> n.outputs().equals(List.of(split.inputs().get(1)))).findFirst().orElseThrow();
    assertEquals(Tensor.of(new long[] {2, 1}, 2), lengths.attribute("value").orElseThrow()
        .asTensor());
  }
}
