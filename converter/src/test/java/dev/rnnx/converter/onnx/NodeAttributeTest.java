package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.floatAttr;
import static dev.rnnx.converter.onnx.Protos.floatValue;
import static dev.rnnx.converter.onnx.Protos.graphAttr;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.node;
import static dev.rnnx.converter.onnx.Protos.read;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attributes: declared types need their value, names are unique, nesting is bounded. */
class NodeAttributeTest {
  private static GraphProto.Builder leakyRelu(AttributeProto... attributes) {
    return reluGraph().setNode(0, node("lr", "LeakyRelu", List.of("X"), List.of("Y"),
        attributes));
  }

  @Test
  void aTypedAttributeIsRead() {
    Attribute alpha = read(model(leakyRelu(floatAttr("alpha", 0f)))).graph().nodes().get(0)
        .attribute("alpha").orElseThrow();
    assertEquals(Attribute.Kind.FLOAT, alpha.kind());
    assertEquals(0f, alpha.asFloat());
  }

  @Test
  void anUntypedAttributeTakesTheTypeOfItsValue() {
    // IR version 1 files carry no attribute type
    AttributeProto untyped = AttributeProto.newBuilder().setName("alpha").setF(0.25f).build();
    assertEquals(0.25f, read(model(leakyRelu(untyped))).graph().nodes().get(0)
        .floatAttr("alpha", Float.NaN));
  }

  @Test
  void aDeclaredTypeWithoutItsValueIsRefused() {
    AttributeProto typeOnly = AttributeProto.newBuilder().setName("alpha")
        .setType(AttributeProto.AttributeType.FLOAT).setI(3).build();
    assertEquals("node 'lr' (LeakyRelu), attribute 'alpha': has type FLOAT but no f value",
        refused(model(leakyRelu(typeOnly))));
    AttributeProto noGraph = AttributeProto.newBuilder().setName("then_branch")
        .setType(AttributeProto.AttributeType.GRAPH).build();
    assertEquals("node 'lr' (LeakyRelu), attribute 'then_branch': has type GRAPH but no g value",
        refused(model(leakyRelu(noGraph))));
  }

  @Test
  void anAttributeWithNoValueIsRefused() {
    AttributeProto empty = AttributeProto.newBuilder().setName("alpha").build();
    assertEquals("node 'lr' (LeakyRelu), attribute 'alpha': has no value",
        refused(model(leakyRelu(empty))));
  }

  @Test
  void anUnnamedNodeIsNamedByItsPosition() {
    GraphProto.Builder g = reluGraph().setNode(0, node("", "LeakyRelu", List.of("X"),
        List.of("Y"), AttributeProto.newBuilder().setName("alpha").build()));
    assertEquals("node #0 '' (LeakyRelu), attribute 'alpha': has no value", refused(model(g)));
  }

  @Test
  void anAttributeGivenTwiceIsRefused() {
    assertEquals("node 'lr' (LeakyRelu) has attribute 'alpha' twice",
        refused(model(leakyRelu(floatAttr("alpha", 1f), floatAttr("alpha", 2f)))));
  }

  @Test
  void anAttributeWithoutANameIsRefused() {
    assertEquals("node 'lr' (LeakyRelu): an attribute has no name",
        refused(model(leakyRelu(floatAttr("", 1f)))));
  }

  @Test
  void aReferenceToAFunctionAttributeOutsideAFunctionIsRefused() {
    AttributeProto ref = floatAttr("alpha", 1f).toBuilder().setRefAttrName("a").build();
    assertEquals("node 'lr' (LeakyRelu), attribute 'alpha': refers to function attribute 'a'"
        + " outside any function", refused(model(leakyRelu(ref))));
  }

  @Test
  void nestingBeyondProtobufsRecursionLimitIsRefusedByParsing() {
    // 40 nested If bodies: 120 message levels, past protobuf's 100
    GraphProto g = reluGraph().setName("innermost").build();
    for (int i = 0; i < 40; i++) {
      g = GraphProto.newBuilder().setName("level" + i).addInput(floatValue("X", 2))
          .addNode(node("if" + i, "If", List.of("X"), List.of("Y"), graphAttr("then_branch", g)))
          .addOutput(floatValue("Y", 2)).build();
    }
    String message = refused(model(g.toBuilder()));
    assertTrue(message.startsWith("not an ONNX model (protobuf parsing failed: Protocol message"
        + " had too many levels of nesting"), message);
  }
}
