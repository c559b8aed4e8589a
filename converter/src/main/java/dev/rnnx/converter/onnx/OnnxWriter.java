package dev.rnnx.converter.onnx;

import com.google.protobuf.ByteString;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.SparseTensor;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.rnnx.onnx.proto.OnnxProto.SparseTensorProto;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@link IrModel}s as ONNX {@code ModelProto} bytes, all tensor data inline. */
public final class OnnxWriter {
  private OnnxWriter() {}

  /**
   * @param model the model
   * @return the serialized {@code ModelProto}
   */
  public static byte[] toBytes(IrModel model) {
    return toProto(model).toByteArray();
  }

  /**
   * @param model the model
   * @param file where to write the {@code .onnx} file
   * @throws IOException if writing fails
   */
  public static void write(IrModel model, Path file) throws IOException {
    Files.write(file, toBytes(model));
  }

  /**
   * @param model the model
   * @return the {@code ModelProto}
   */
  public static ModelProto toProto(IrModel model) {
    ModelProto.Builder b = ModelProto.newBuilder()
        .setIrVersion(model.irVersion())
        .setProducerName(model.producerName())
        .setProducerVersion(model.producerVersion())
        .setDocString(model.docString())
        .setGraph(graph(model.graph()));
    for (Map.Entry<String, Long> e : model.opsets().entrySet()) {
      String domain = e.getKey().equals(Node.DEFAULT_DOMAIN) ? "" : e.getKey();
      b.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(e.getValue()));
    }
    model.metadata().forEach((k, v) ->
        b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return b.build();
  }

  /**
   * @param g a graph
   * @return its {@code GraphProto}
   */
  public static GraphProto graph(Graph g) {
    GraphProto.Builder b = GraphProto.newBuilder().setName(g.name()).setDocString(g.docString());
    g.inputs().forEach(v -> b.addInput(valueInfo(v)));
    g.outputs().forEach(v -> b.addOutput(valueInfo(v)));
    g.initializers().forEach((name, t) -> b.addInitializer(TensorProtos.toProto(t, name)));
    g.nodes().forEach(n -> b.addNode(node(n)));
    g.valueTypes().forEach((name, t) -> b.addValueInfo(valueInfo(new ValueInfo(name, t))));
    return b.build();
  }

  private static ValueInfoProto valueInfo(ValueInfo v) {
    ValueInfoProto.Builder b = ValueInfoProto.newBuilder().setName(v.name());
    if (v.type() != null) {
      b.setType(TypeProtos.toProto(v.type()));
    }
    return b.build();
  }

  private static NodeProto node(Node n) {
    NodeProto.Builder b = NodeProto.newBuilder()
        .setName(n.name())
        .setOpType(n.opType())
        .addAllInput(n.inputs())
        .addAllOutput(n.outputs());
    if (!n.domain().equals(Node.DEFAULT_DOMAIN)) {
      b.setDomain(n.domain());
    }
    n.attributes().values().forEach(a -> b.addAttribute(attribute(a)));
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static AttributeProto attribute(Attribute a) {
    AttributeProto.Builder b = AttributeProto.newBuilder()
        .setName(a.name())
        .setType(AttributeProto.AttributeType.forNumber(a.kind().onnxCode()));
    Object v = a.value();
    switch (a.kind()) {
      case FLOAT -> b.setF((Float) v);
      case INT -> b.setI((Long) v);
      case STRING -> b.setS(ByteString.copyFromUtf8((String) v));
      case TENSOR -> b.setT(TensorProtos.toProto((Tensor) v, ""));
      case GRAPH -> b.setG(graph((Graph) v));
      case SPARSE_TENSOR -> b.setSparseTensor(sparse((SparseTensor) v));
      case TYPE -> b.setTp(TypeProtos.toProto((ValueType) v));
      case FLOATS -> b.addAllFloats((List<Float>) v);
      case INTS -> b.addAllInts((List<Long>) v);
      case STRINGS -> ((List<String>) v).forEach(s -> b.addStrings(ByteString.copyFromUtf8(s)));
      case TENSORS -> ((List<Tensor>) v).forEach(t -> b.addTensors(TensorProtos.toProto(t, "")));
      case GRAPHS -> ((List<Graph>) v).forEach(g -> b.addGraphs(graph(g)));
      case SPARSE_TENSORS -> ((List<SparseTensor>) v).forEach(s -> b.addSparseTensors(sparse(s)));
      case TYPES -> ((List<ValueType>) v).forEach(t -> b.addTypeProtos(TypeProtos.toProto(t)));
    }
    return b.build();
  }

  private static SparseTensorProto sparse(SparseTensor s) {
    return SparseTensorProto.newBuilder()
        .setValues(TensorProtos.toProto(s.values(), ""))
        .setIndices(TensorProtos.toProto(s.indices(), ""))
        .addAllDims(s.dims())
        .build();
  }
}
