package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.boolValue;
import static dev.rnnx.converter.onnx.Protos.floatAttr;
import static dev.rnnx.converter.onnx.Protos.floatValue;
import static dev.rnnx.converter.onnx.Protos.graphAttr;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.node;
import static dev.rnnx.converter.onnx.Protos.read;
import static dev.rnnx.converter.onnx.Protos.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.FunctionProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model-local functions: bodies inlined with renamed values and resolved attribute references. */
class FunctionInlinerTest {
  private static final String DOMAIN = "custom";

  private static OperatorSetIdProto opset(String domain, long version) {
    return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
  }

  private static AttributeProto ref(String name, String refName) {
    return AttributeProto.newBuilder().setName(name).setRefAttrName(refName)
        .setType(AttributeProto.AttributeType.FLOAT).build();
  }

  private static NodeProto call(String name, String function, List<String> inputs,
      List<String> outputs, AttributeProto... attributes) {
    return node(name, function, inputs, outputs, attributes).toBuilder().setDomain(DOMAIN).build();
  }

  /**
   * Act(x) = Elu(LeakyRelu(x, alpha=slope), alpha=elu_alpha); slope defaults to 0.5, elu_alpha
   * has no default.
   */
  private static FunctionProto act() {
    return FunctionProto.newBuilder().setName("Act").setDomain(DOMAIN)
        .addInput("x").addOutput("y")
        .addAttribute("elu_alpha")
        .addAttributeProto(floatAttr("slope", 0.5f))
        .addOpsetImport(opset("", Protos.OPSET))
        .addNode(node("leaky", "LeakyRelu", List.of("x"), List.of("t"), ref("alpha", "slope")))
        .addNode(node("elu", "Elu", List.of("t"), List.of("y"), ref("alpha", "elu_alpha")))
        .build();
  }

  private static ModelProto.Builder withFunctions(GraphProto.Builder g, FunctionProto... fs) {
    return model(g).addOpsetImport(opset(DOMAIN, 1)).addAllFunctions(List.of(fs));
  }

  /** X -> Act(elu_alpha=1.5) -> A -> Act(slope=0.1) -> Y. */
  private static GraphProto.Builder twoCalls() {
    return GraphProto.newBuilder().setName("main")
        .addInput(floatValue("X", 2))
        .addNode(call("call1", "Act", List.of("X"), List.of("A"), floatAttr("elu_alpha", 1.5f)))
        .addNode(call("call2", "Act", List.of("A"), List.of("Y"), floatAttr("slope", 0.1f)))
        .addOutput(floatValue("Y", 2));
  }

  @Test
  void callsAreReplacedByTheBodyWithFreshNamesAndResolvedAttributes() {
    List<Node> nodes = read(withFunctions(twoCalls(), act())).graph().nodes();
    assertEquals(4, nodes.size());

    Node leaky1 = nodes.get(0);
    assertEquals("_Act_0_leaky", leaky1.name());
    assertEquals("LeakyRelu", leaky1.opType());
    assertEquals(Node.DEFAULT_DOMAIN, leaky1.domain());
    assertEquals(List.of("X"), leaky1.inputs());
    assertEquals(List.of("_Act_0_t"), leaky1.outputs());
    assertEquals(0.5f, leaky1.floatAttr("alpha", Float.NaN)); // the function's default

    Node elu1 = nodes.get(1);
    assertEquals(List.of("_Act_0_t"), elu1.inputs());
    assertEquals(List.of("A"), elu1.outputs());
    assertEquals(1.5f, elu1.floatAttr("alpha", Float.NaN)); // given by the call

    Node leaky2 = nodes.get(2);
    assertEquals(List.of("A"), leaky2.inputs());
    assertEquals(List.of("_Act_1_t"), leaky2.outputs());
    assertEquals(0.1f, leaky2.floatAttr("alpha", Float.NaN)); // the call overrides the default

    Node elu2 = nodes.get(3);
    assertEquals(List.of("Y"), elu2.outputs());
    assertFalse(elu2.attribute("alpha").isPresent(), "no value and no default: left out");
  }

  @Test
  void freshNamesAvoidNamesTheModelAlreadyUses() {
    GraphProto.Builder g = twoCalls().clearNode()
        .addNode(node("pre", "Relu", List.of("X"), List.of("_Act_0_t")))
        .addNode(call("call1", "Act", List.of("_Act_0_t"), List.of("Y"),
            floatAttr("elu_alpha", 1f)));
    List<Node> nodes = read(withFunctions(g, act())).graph().nodes();
    assertEquals(List.of("_Act_0_t"), nodes.get(1).inputs());
    assertFalse(nodes.get(1).outputs().contains("_Act_0_t"), nodes.get(1).toString());
    assertEquals(nodes.get(1).outputs(), nodes.get(2).inputs());
  }

  @Test
  void functionsCallingFunctionsAreInlinedThroughAndTheirOpsetsImported() {
    FunctionProto twice = FunctionProto.newBuilder().setName("Twice").setDomain(DOMAIN)
        .addInput("a").addOutput("b")
        .addOpsetImport(opset("", Protos.OPSET)).addOpsetImport(opset(DOMAIN, 1))
        .addOpsetImport(opset("ai.onnx.ml", 3))
        .addNode(call("first", "Act", List.of("a"), List.of("m"), floatAttr("elu_alpha", 2f)))
        .addNode(call("second", "Act", List.of("m"), List.of("b"), floatAttr("elu_alpha", 3f)))
        .build();
    GraphProto.Builder g = twoCalls().clearNode()
        .addNode(call("outer", "Twice", List.of("X"), List.of("Y")));
    IrModel m = read(withFunctions(g, act(), twice));
    List<String> ops = m.graph().nodes().stream().map(Node::opType).toList();
    assertEquals(List.of("LeakyRelu", "Elu", "LeakyRelu", "Elu"), ops);
    assertEquals(3f, m.graph().nodes().get(3).floatAttr("alpha", Float.NaN));
    assertEquals(3L, m.opsets().get("ai.onnx.ml"));
  }

  @Test
  void callsInsideSubgraphsAreInlined() {
    GraphProto branch = GraphProto.newBuilder().setName("then")
        .addNode(call("inner", "Act", List.of("X"), List.of("t"), floatAttr("elu_alpha", 1f)))
        .addOutput(floatValue("t", 2)).build();
    GraphProto.Builder g = GraphProto.newBuilder().setName("main")
        .addInput(boolValue("C")).addInput(floatValue("X", 2))
        .addNode(node("if1", "If", List.of("C"), List.of("Y"), graphAttr("then_branch", branch),
            graphAttr("else_branch", branch.toBuilder().setName("else").build())))
        .addOutput(floatValue("Y", 2));
    Graph then = read(withFunctions(g, act())).graph().nodes().get(0).subgraphs().get(0);
    assertEquals(List.of("LeakyRelu", "Elu"), then.nodes().stream().map(Node::opType).toList());
    assertEquals(List.of("t"), then.nodes().get(1).outputs());
  }

  @Test
  void aSelfRecursiveFunctionIsRefused() {
    FunctionProto rec = FunctionProto.newBuilder().setName("Rec").setDomain(DOMAIN)
        .addInput("x").addOutput("y").addOpsetImport(opset(DOMAIN, 1))
        .addNode(call("again", "Rec", List.of("x"), List.of("y"))).build();
    GraphProto.Builder g = twoCalls().clearNode()
        .addNode(call("start", "Rec", List.of("X"), List.of("Y")));
    assertEquals("function 'custom.Rec' calls itself (custom.Rec -> custom.Rec)",
        refused(withFunctions(g, rec)));
  }

  @Test
  void mutuallyRecursiveFunctionsAreRefusedEvenWhenUncalled() {
    FunctionProto ping = FunctionProto.newBuilder().setName("Ping").setDomain(DOMAIN)
        .addInput("x").addOutput("y")
        .addNode(call("p", "Pong", List.of("x"), List.of("y"))).build();
    FunctionProto pong = ping.toBuilder().setName("Pong")
        .setNode(0, call("q", "Ping", List.of("x"), List.of("y"))).build();
    assertEquals("function 'custom.Ping' calls itself (custom.Ping -> custom.Pong ->"
        + " custom.Ping)", refused(withFunctions(Protos.reluGraph(), ping, pong)));
  }

  @Test
  void aCallWithMoreInputsOrOutputsThanTheFunctionHasIsRefused() {
    GraphProto.Builder g = twoCalls().setNode(0,
        call("call1", "Act", List.of("X", "X"), List.of("A")));
    assertEquals("node 'call1' (custom.Act): passes 2 inputs to function 'custom.Act', which"
        + " takes 1", refused(withFunctions(g, act())));
    g = twoCalls().setNode(0, call("call1", "Act", List.of("X"), List.of("A", "B")));
    assertEquals("node 'call1' (custom.Act): expects 2 outputs from function 'custom.Act',"
        + " which gives 1", refused(withFunctions(g, act())));
  }

  @Test
  void anAttributeReferenceOutsideAFunctionIsRefused() {
    GraphProto.Builder g = twoCalls().setNode(0,
        call("call1", "Act", List.of("X"), List.of("A"), ref("elu_alpha", "outer")));
    assertEquals("node 'call1' (custom.Act), attribute 'elu_alpha': refers to function attribute"
        + " 'outer' outside any function", refused(withFunctions(g, act())));
  }

  /** C0 .. C(n-1), each calling the next {@code fanOut} times; the last one is a Relu. */
  private static FunctionProto[] chain(int n, int fanOut) {
    FunctionProto[] fs = new FunctionProto[n];
    for (int k = 0; k < n; k++) {
      FunctionProto.Builder f = FunctionProto.newBuilder().setName("C" + k).setDomain(DOMAIN)
          .addInput("x").addOutput("y").addOpsetImport(opset("", Protos.OPSET))
          .addOpsetImport(opset(DOMAIN, 1));
      if (k == n - 1) {
        f.addNode(node("leaf", "Relu", List.of("x"), List.of("y")));
      } else {
        String in = "x";
        for (int c = 0; c < fanOut; c++) {
          String out = c == fanOut - 1 ? "y" : "v" + c;
          f.addNode(call("c" + c, "C" + (k + 1), List.of(in), List.of(out)));
          in = out;
        }
      }
      fs[k] = f.build();
    }
    return fs;
  }

  @Test
  void aChainOfCallsInlinesThrough() {
    GraphProto.Builder g = twoCalls().clearNode()
        .addNode(call("start", "C0", List.of("X"), List.of("Y")));
    List<Node> nodes = read(withFunctions(g, chain(4, 3))).graph().nodes();
    assertEquals(27, nodes.size());
    assertEquals(List.of("X"), nodes.get(0).inputs());
    assertEquals(List.of("Y"), nodes.get(26).outputs());
  }

  @Test
  void anExponentialExpansionIsRefusedBeforeInlining() {
    // 10^7 nodes from 8 small functions
    GraphProto.Builder g = twoCalls().clearNode()
        .addNode(call("start", "C0", List.of("X"), List.of("Y")));
    long allocated = Protos.allocatedBytes(() -> read(withFunctions(g, chain(8, 10))));
    assertEquals("inlining the model's functions would give more than 1000000 nodes",
        refused(withFunctions(g, chain(8, 10))));
    assertTrue(allocated < 16 << 20, allocated + " bytes");
  }

  @Test
  void callChainsDeeperThan64AreRefused() {
    assertEquals("function calls nest deeper than 64 (from 'custom.C0')",
        refused(withFunctions(Protos.reluGraph(), chain(70, 1))));
  }

  @Test
  void aReferenceToAnUndeclaredAttributeIsRefused() {
    FunctionProto f = act().toBuilder().setNode(0,
        node("leaky", "LeakyRelu", List.of("x"), List.of("t"), ref("alpha", "nope"))).build();
    assertEquals("function 'custom.Act', node 'leaky' (LeakyRelu), attribute 'alpha': refers"
        + " to 'nope', which the function does not declare", refused(withFunctions(twoCalls(), f)));
  }

  @Test
  void aFunctionDefinedTwiceIsRefused() {
    assertEquals("function 'custom.Act' is defined twice",
        refused(withFunctions(twoCalls(), act(), act())));
  }
}
