package dev.rnnx.testdata.builder;

import static dev.rnnx.tensor.ElementType.FLOAT;
import static dev.rnnx.tensor.ElementType.INT64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnnx.testdata.Approx;
import dev.rnnx.testdata.reference.Lstm;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.reference.RecurrentInputs;
import dev.rnnx.testdata.zoo.OrtRunner;
import dev.rnnx.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The builder writes what it is told, field by field (read back with the protobuf classes), and
 * the models it writes run on ONNX Runtime with the results the reference kernels and hand
 * arithmetic predict.
 */
class ModelBuilderTest {
  private static ModelProto parse(byte[] bytes) throws InvalidProtocolBufferException {
    return ModelProto.parseFrom(bytes);
  }

  private static AttributeProto attr(NodeProto n, String name) {
    return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void writesEveryAttributeKind() throws InvalidProtocolBufferException {
    GraphProto body = GraphBuilder.named("body").input("a", FLOAT, 1)
        .node("Identity").inputs("a").outputs("b").done().output("b", FLOAT, 1).build();
    ModelProto m = parse(ModelBuilder.opset(17)
        .input("X", FLOAT, 1)
        .node("Custom").domain("com.example").name("n0").inputs("X", "", "Y").outputs("Z")
        .attr("i", 3).attr("f", 0.5).attr("s", "forward")
        .attrInts("is", 1, 0, 2).attrFloats("fs", 0.25f, 2f).attrStrings("ss", "Tanh", "Relu")
        .attr("t", Tensor.of(new long[] {7, 8}, 2)).attr("g", body)
        .done()
        .output("Z", FLOAT, 1)
        .importOpset("com.example", 2)
        .toBytes());
    NodeProto n = m.getGraph().getNode(0);
    assertEquals("Custom", n.getOpType());
    assertEquals("com.example", n.getDomain());
    assertEquals("n0", n.getName());
    assertEquals(List.of("X", "", "Y"), n.getInputList()); // an absent optional input stays ""
    assertEquals(AttributeType.INT, attr(n, "i").getType());
    assertEquals(3, attr(n, "i").getI());
    assertEquals(AttributeType.FLOAT, attr(n, "f").getType());
    assertEquals(0.5f, attr(n, "f").getF());
    assertEquals("forward", attr(n, "s").getS().toStringUtf8());
    assertEquals(List.of(1L, 0L, 2L), attr(n, "is").getIntsList());
    assertEquals(AttributeType.INTS, attr(n, "is").getType());
    assertEquals(List.of(0.25f, 2f), attr(n, "fs").getFloatsList());
    assertEquals("Relu", attr(n, "ss").getStrings(1).toStringUtf8());
    assertEquals(AttributeType.STRINGS, attr(n, "ss").getType());
    assertEquals(AttributeType.TENSOR, attr(n, "t").getType());
    assertEquals(List.of(2L), attr(n, "t").getT().getDimsList());
    assertEquals(7, attr(n, "t").getT().getDataType()); // INT64
    ByteBuffer raw = attr(n, "t").getT().getRawData().asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(7L, raw.getLong(0));
    assertEquals(8L, raw.getLong(8));
    assertEquals(AttributeType.GRAPH, attr(n, "g").getType());
    assertEquals("body", attr(n, "g").getG().getName());
    assertEquals(2, m.getOpsetImportCount());
    assertEquals("", m.getOpsetImport(0).getDomain());
    assertEquals(17, m.getOpsetImport(0).getVersion());
    assertEquals("com.example", m.getOpsetImport(1).getDomain());
    assertEquals(2, m.getOpsetImport(1).getVersion());
  }

  @Test
  void writesFixedSymbolicAndUnknownDims() throws InvalidProtocolBufferException {
    ModelProto m = parse(ModelBuilder.opset(17)
        .input("X", FLOAT, "seq", 1, 4L, null)
        .node("Identity").inputs("X").outputs("Y").done()
        .output("Y", FLOAT, "seq", 1, 4, "?")
        .toBytes());
    TensorShapeProto shape = m.getGraph().getInput(0).getType().getTensorType().getShape();
    assertEquals(1, m.getGraph().getInput(0).getType().getTensorType().getElemType());
    assertEquals("seq", shape.getDim(0).getDimParam());
    assertEquals(1, shape.getDim(1).getDimValue());
    assertEquals(4, shape.getDim(2).getDimValue());
    assertFalse(shape.getDim(3).hasDimValue() || shape.getDim(3).hasDimParam());
    assertThrows(IllegalArgumentException.class, () -> ValueInfos.tensor("X", FLOAT, -1));
    assertThrows(IllegalArgumentException.class, () -> ValueInfos.tensor("X", FLOAT, 1.5));
    assertFalse(ValueInfos.unrankedTensorType(FLOAT).getTensorType().hasShape());
  }

  @Test
  void irVersionFollowsTheOpsetUnlessSet() throws InvalidProtocolBufferException {
    assertEquals(8, parse(ModelBuilder.opset(17).toBytes()).getIrVersion());
    assertEquals(10, parse(ModelBuilder.opset(22).toBytes()).getIrVersion());
    assertEquals(13, parse(ModelBuilder.opset(27).toBytes()).getIrVersion());
    assertEquals(7, parse(ModelBuilder.opset(17).irVersion(7).toBytes()).getIrVersion());
    ModelProto m = parse(ModelBuilder.opset(17).producer("p", "1.0").metadata("k", "v")
        .modelDocString("doc").graphName("g").toBytes());
    assertEquals("p", m.getProducerName());
    assertEquals("1.0", m.getProducerVersion());
    assertEquals("v", m.getMetadataProps(0).getValue());
    assertEquals("doc", m.getDocString());
    assertEquals("g", m.getGraph().getName());
  }

  /** The package's example model, run on ONNX Runtime, matches the reference LSTM. */
  @Test
  void exampleLstmRunsOnOnnxRuntimeAsTheReferencePredicts() {
    Random rnd = new Random(1);
    Tensor w = random(rnd, 1, 32, 4);
    Tensor r = random(rnd, 1, 32, 8);
    Tensor x = random(rnd, 3, 1, 4);
    byte[] model = ModelBuilder.opset(17)
        .input("X", FLOAT, "seq", 1, 4)
        .initializer("W", w).initializer("R", r)
        .node("LSTM").inputs("X", "W", "R").outputs("Y", "Y_h").attr("hidden_size", 8).done()
        .output("Y_h", FLOAT, 1, 1, 8)
        .toBytes();
    Tensor expected = Lstm.run(RecurrentAttributes.hidden(8), RecurrentInputs.of(x, w, r)).yH();
    Approx.assertClose(expected, OrtRunner.run(model, Map.of("X", x)).get("Y_h"), "Y_h");
    IrModel read = OnnxReader.read(model, null);
    assertEquals("LSTM", read.graph().nodes().get(0).opType());
  }

  /**
   * A Scan body that reads {@code scale} from the enclosing graph: acc += scale * x_t over
   * x = [[1, 2], [3, 4]] with scale 10 gives acc = [40, 60] and per-step [10, 20], [40, 60].
   */
  @Test
  void subgraphsReadOuterScopeValues() {
    GraphBuilder body = GraphBuilder.named("body")
        .input("acc_in", FLOAT, 2).input("x_t", FLOAT, 2)
        .node("Mul").inputs("x_t", "scale").outputs("scaled").done() // scale: outer scope
        .node("Add").inputs("acc_in", "scaled").outputs("acc_out").done()
        .node("Identity").inputs("acc_out").outputs("step").done()
        .output("acc_out", FLOAT, 2).output("step", FLOAT, 2);
    byte[] model = ModelBuilder.opset(17)
        .input("acc0", FLOAT, 2).input("x", FLOAT, 2, 2)
        .initializer("scale", Tensor.scalar(10f))
        .node("Scan").inputs("acc0", "x").outputs("acc", "steps")
        .attr("num_scan_inputs", 1).attr("body", body).done()
        .output("acc", FLOAT, 2).output("steps", FLOAT, 2, 2)
        .toBytes();
    Map<String, Tensor> out = OrtRunner.run(model, Map.of(
        "acc0", Tensor.of(new float[] {0, 0}, 2), "x", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)));
    assertArrayEquals(new double[] {40, 60}, out.get("acc").toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {10, 20, 40, 60}, out.get("steps").toDoubleArray(), 1e-6);
    IrModel read = OnnxReader.read(model, null);
    assertEquals(1, read.graph().nodes().get(0).subgraphs().size());
  }

  @Test
  void initializersKeepTypeShapeAndBytes() throws InvalidProtocolBufferException {
    Tensor t = Tensor.of(new float[] {1.5f, -2f, 3f, 0f, 5f, 6f}, 2, 3);
    ModelProto m = parse(ModelBuilder.opset(17).initializer("W", t)
        .initializer("axes", Tensor.of(new long[] {0}, 1))
        .initializer("names", Tensor.of(new String[] {"a", "b"}, 2)).toBytes());
    assertEquals("W", m.getGraph().getInitializer(0).getName());
    assertEquals(List.of(2L, 3L), m.getGraph().getInitializer(0).getDimsList());
    assertArrayEquals(t.toBytes(), m.getGraph().getInitializer(0).getRawData().toByteArray());
    assertEquals(INT64.onnxCode(), m.getGraph().getInitializer(1).getDataType());
    assertEquals("b", m.getGraph().getInitializer(2).getStringData(1).toStringUtf8());
  }

  private static Tensor random(Random rnd, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian() * 0.5f;
    }
    return Tensor.of(v, shape);
  }
}
