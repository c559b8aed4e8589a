package dev.rnnx.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnnx.onnx.proto.OnnxProto.TypeProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds small ONNX models with the protobuf builders, and reads them back, for tests. */
final class Protos {
  /** The IR version of the models built here. */
  static final long IR = 8;
  /** The default-domain opset of the models built here. */
  static final long OPSET = 17;

  private Protos() {}

  /** @return a float tensor value info of fixed dims */
  static ValueInfoProto floatValue(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
  }

  /** @return a bool scalar value info */
  static ValueInfoProto boolValue(String name) {
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.BOOL_VALUE)
            .setShape(TensorShapeProto.newBuilder()))).build();
  }

  /** @return a default-domain node */
  static NodeProto node(String name, String op, List<String> inputs, List<String> outputs,
      AttributeProto... attributes) {
    return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs)
        .addAllOutput(outputs).addAllAttribute(List.of(attributes)).build();
  }

  /** @return a graph attribute */
  static AttributeProto graphAttr(String name, GraphProto g) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH)
        .setG(g).build();
  }

  /** @return an int attribute */
  static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(v).build();
  }

  /** @return a float attribute */
  static AttributeProto floatAttr(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
        .setF(v).build();
  }

  /** @return a float tensor with little-endian raw data */
  static TensorProto floatTensor(String name, float[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
        .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(b.array())).build();
  }

  static List<Long> boxed(long... dims) {
    return java.util.Arrays.stream(dims).boxed().toList();
  }

  /** @return Y = Relu(X), X and Y float[2] */
  static GraphProto.Builder reluGraph() {
    return GraphProto.newBuilder().setName("main")
        .addInput(floatValue("X", 2))
        .addNode(node("relu", "Relu", List.of("X"), List.of("Y")))
        .addOutput(floatValue("Y", 2));
  }

  /** @return a model around the graph: IR {@link #IR}, default opset {@link #OPSET} */
  static ModelProto.Builder model(GraphProto.Builder graph) {
    return ModelProto.newBuilder().setIrVersion(IR).setProducerName("rnnx-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph);
  }

  /**
   * Bytes the current thread allocates while running {@code r} (HotSpot's per-thread counter),
   * exceptions included: a check that fails before allocating shows up as (almost) nothing.
   */
  static long allocatedBytes(Runnable r) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      r.run();
    } catch (RuntimeException expected) {
      // what matters here is how much was allocated first
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /** @return the model read from memory */
  static IrModel read(ModelProto.Builder model) {
    return OnnxReader.read(model.build().toByteArray(), null);
  }

  /**
   * Reads a model that must be refused, and checks that the message names the source.
   *
   * @return the exception's message, without the source prefix
   */
  static String refused(ModelProto.Builder model) {
    return refused(model.build().toByteArray());
  }

  /** @see #refused(ModelProto.Builder) */
  static String refused(byte[] bytes) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> OnnxReader.read(bytes, null));
    String prefix = "<model bytes>: ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    return e.getMessage().substring(prefix.length());
  }
}
