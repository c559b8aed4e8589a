package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.boolValue;
import static dev.rnnx.converter.onnx.Protos.floatTensor;
import static dev.rnnx.converter.onnx.Protos.floatValue;
import static dev.rnnx.converter.onnx.Protos.graphAttr;
import static dev.rnnx.converter.onnx.Protos.intAttr;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.node;
import static dev.rnnx.converter.onnx.Protos.read;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dangling references, outer-scope references, cycles and values produced twice. */
class GraphCheckTest {
  /** Y = If(C) then Relu(X) else {@code elseNode}; the branches read X from the outer scope. */
  private static GraphProto.Builder ifGraph(String elseInput) {
    GraphProto thenBranch = GraphProto.newBuilder().setName("then")
        .addNode(node("t1", "Relu", List.of("X"), List.of("t")))
        .addOutput(floatValue("t", 2)).build();
    GraphProto elseBranch = GraphProto.newBuilder().setName("else")
        .addNode(node("e1", "Neg", List.of(elseInput), List.of("e")))
        .addOutput(floatValue("e", 2)).build();
    return GraphProto.newBuilder().setName("main")
        .addInput(boolValue("C")).addInput(floatValue("X", 2))
        .addNode(node("if1", "If", List.of("C"), List.of("Y"),
            graphAttr("then_branch", thenBranch), graphAttr("else_branch", elseBranch)))
        .addOutput(floatValue("Y", 2));
  }

  /** A Loop whose body adds {@code addend} to the loop-carried value. */
  private static GraphProto.Builder loopGraph(String addend) {
    GraphProto body = GraphProto.newBuilder().setName("body")
        .addInput(floatValue("i")).addInput(boolValue("cond_in")).addInput(floatValue("s_in", 2))
        .addNode(node("b1", "Identity", List.of("cond_in"), List.of("cond_out")))
        .addNode(node("b2", "Add", List.of("s_in", addend), List.of("s_out")))
        .addOutput(boolValue("cond_out")).addOutput(floatValue("s_out", 2)).build();
    return GraphProto.newBuilder().setName("main")
        .addInput(floatValue("M")).addInput(boolValue("C")).addInput(floatValue("X", 2))
        .addNode(node("loop1", "Loop", List.of("M", "C", "X"), List.of("Y"),
            graphAttr("body", body)))
        .addOutput(floatValue("Y", 2));
  }

  /** A Scan summing rows of X plus {@code addend}. */
  private static GraphProto.Builder scanGraph(String addend) {
    GraphProto body = GraphProto.newBuilder().setName("scan_body")
        .addInput(floatValue("sum_in", 2)).addInput(floatValue("row", 2))
        .addNode(node("s1", "Add", List.of("sum_in", "row"), List.of("partial")))
        .addNode(node("s2", "Add", List.of("partial", addend), List.of("sum_out")))
        .addOutput(floatValue("sum_out", 2)).build();
    return GraphProto.newBuilder().setName("main")
        .addInput(floatValue("init", 2)).addInput(floatValue("X", 3, 2))
        .addInitializer(floatTensor("B", new float[] {1, 2}, 2))
        .addNode(node("scan1", "Scan", List.of("init", "X"), List.of("Y"),
            graphAttr("body", body), intAttr("num_scan_inputs", 1)))
        .addOutput(floatValue("Y", 2));
  }

  @Test
  void aNodeInputNothingProducesIsRefused() {
    GraphProto.Builder g = reluGraph().setNode(0, node("relu", "Relu", List.of("Z"), List.of("Y")));
    assertEquals("node 'relu' (Relu): input 'Z' is produced by no node, initializer or graph"
        + " input", refused(model(g)));
  }

  @Test
  void anUnnamedNodeIsNamedByItsPosition() {
    GraphProto.Builder g = reluGraph().clearNode()
        .addNode(node("", "Relu", List.of("X"), List.of("H")))
        .addNode(node("", "Neg", List.of("H", "nope"), List.of("Y")));
    assertEquals("node #1 '' (Neg): input 'nope' is produced by no node, initializer or graph"
        + " input", refused(model(g)));
  }

  @Test
  void aGraphOutputNothingProducesIsRefused() {
    GraphProto.Builder g = reluGraph().setOutput(0, Protos.floatValue("W", 2));
    assertEquals("graph 'main': output 'W' is produced by no node, initializer or graph input",
        refused(model(g)));
  }

  @Test
  void branchesMayReadOuterValues() {
    IrModel m = read(model(ifGraph("X")));
    Node ifNode = m.graph().nodes().get(0);
    assertEquals(List.of("X"), ifNode.subgraphs().get(1).nodes().get(0).inputs());
  }

  @Test
  void aDanglingInputInsideAnIfBranchIsRefusedNamingBothNodes() {
    assertEquals("node 'if1' (If), subgraph 'else': node 'e1' (Neg): input 'nope' is produced"
        + " by no node, initializer or graph input", refused(model(ifGraph("nope"))));
  }

  @Test
  void loopBodiesMayReadOuterInputsButNotUndefinedNames() {
    Graph body = read(model(loopGraph("X"))).graph().nodes().get(0).subgraphs().get(0);
    assertEquals(List.of("s_in", "X"), body.nodes().get(1).inputs());
    assertEquals("node 'loop1' (Loop), subgraph 'body': node 'b2' (Add): input 'ghost' is"
        + " produced by no node, initializer or graph input", refused(model(loopGraph("ghost"))));
  }

  @Test
  void scanBodiesMayReadOuterInitializersButNotUndefinedNames() {
    Graph body = read(model(scanGraph("B"))).graph().nodes().get(0).subgraphs().get(0);
    assertEquals(List.of("partial", "B"), body.nodes().get(1).inputs());
    assertEquals("node 'scan1' (Scan), subgraph 'scan_body': node 's2' (Add): input 'missing'"
        + " is produced by no node, initializer or graph input",
        refused(model(scanGraph("missing"))));
  }

  @Test
  void aSubgraphCannotReadAValueOfASiblingSubgraph() {
    // 't' is produced inside the then-branch, invisible to the else-branch
    assertEquals("node 'if1' (If), subgraph 'else': node 'e1' (Neg): input 't' is produced"
        + " by no node, initializer or graph input", refused(model(ifGraph("t"))));
  }

  @Test
  void aSubgraphOutputShadowingAnOuterValueIsRefused() {
    GraphProto thenBranch = GraphProto.newBuilder().setName("then")
        .addNode(node("t1", "Relu", List.of("X"), List.of("X")))
        .addOutput(floatValue("X", 2)).build();
    GraphProto.Builder g = ifGraph("X");
    g.setNode(0, g.getNode(0).toBuilder().setAttribute(0, graphAttr("then_branch", thenBranch)));
    assertEquals("node 'if1' (If), subgraph 'then': node 't1' (Relu): output 'X' is already"
        + " defined in an enclosing graph (two producers of one name)", refused(model(g)));
  }

  @Test
  void nodesOutOfOrderAreSorted() {
    GraphProto.Builder g = reluGraph().clearNode()
        .addNode(node("second", "Neg", List.of("H"), List.of("Y")))
        .addNode(node("first", "Relu", List.of("X"), List.of("H")));
    List<String> order = read(model(g)).graph().nodes().stream().map(Node::name).toList();
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void aCycleIsRefusedNamingItsNodes() {
    GraphProto.Builder g = reluGraph().clearNode()
        .addNode(node("a", "Add", List.of("X", "B"), List.of("A")))
        .addNode(node("b", "Relu", List.of("A"), List.of("B")))
        .addNode(node("c", "Neg", List.of("A"), List.of("Y")));
    assertEquals("graph 'main' has a cycle through node 'a' (Add), node 'b' (Relu),"
        + " node 'c' (Neg)",
        refused(model(g)));
  }

  @Test
  void aNodeReadingItsOwnOutputIsACycle() {
    GraphProto.Builder g = reluGraph().clearNode()
        .addNode(node("self", "Add", List.of("X", "Y"), List.of("Y")));
    assertEquals("graph 'main' has a cycle through node 'self' (Add)", refused(model(g)));
  }

  @Test
  void anIfBranchReadingTheIfsOwnOutputIsACycle() {
    GraphProto.Builder g = ifGraph("Y");
    assertEquals("graph 'main' has a cycle through node 'if1' (If)", refused(model(g)));
  }

  @Test
  void twoNodesProducingOneNameAreRefused() {
    GraphProto.Builder g = reluGraph().addNode(node("again", "Neg", List.of("X"), List.of("Y")));
    assertEquals("node 'again' (Neg): output 'Y' is already produced by node 'relu' (Relu)"
        + " (two producers of one name)", refused(model(g)));
  }

  @Test
  void aNodeOverwritingAGraphInputIsRefused() {
    GraphProto.Builder g = reluGraph().addNode(node("clobber", "Neg", List.of("Y"), List.of("X")));
    assertEquals("node 'clobber' (Neg): output 'X' is already produced by graph input 'X'"
        + " (two producers of one name)", refused(model(g)));
  }

  @Test
  void aNodeOverwritingAnInitializerIsRefused() {
    GraphProto.Builder g = reluGraph()
        .addInitializer(floatTensor("W", new float[] {1, 2}, 2))
        .addNode(node("clobber", "Neg", List.of("X"), List.of("W")));
    assertEquals("node 'clobber' (Neg): output 'W' is already produced by initializer 'W'"
        + " (two producers of one name)", refused(model(g)));
  }

  @Test
  void twoGraphInputsOfOneNameAreRefused() {
    GraphProto.Builder g = reluGraph().addInput(floatValue("X", 2));
    assertEquals("graph 'main' has two inputs named 'X'", refused(model(g)));
  }

  @Test
  void twoInitializersOfOneNameAreRefused() {
    GraphProto.Builder g = reluGraph()
        .addInitializer(floatTensor("W", new float[] {1}, 1))
        .addInitializer(floatTensor("W", new float[] {2}, 1));
    assertEquals("graph 'main' has two initializers named 'W'", refused(model(g)));
  }

  @Test
  void anInitializerMayAlsoBeAGraphInput() {
    // IR 4+: an initializer listed as input is a default the caller may override
    GraphProto.Builder g = reluGraph().addInitializer(floatTensor("X", new float[] {1, -1}, 2));
    Graph graph = read(model(g)).graph();
    assertEquals(List.of(), graph.requiredInputs());
    assertEquals(-1f, graph.initializers().get("X").getFloat(1));
  }
}
