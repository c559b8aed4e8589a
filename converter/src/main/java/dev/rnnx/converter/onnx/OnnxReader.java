package dev.rnnx.converter.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
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
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX model files into {@link IrModel}s. Everything read is checked (see
 * {@link GraphChecker}); anything malformed raises {@link ModelFormatException} naming the file,
 * the node and the problem, and nothing else escapes.
 */
public final class OnnxReader {
  /** Oldest IR version read: the first with operator set imports. */
  public static final long MIN_IR_VERSION = 3;
  /** Newest IR version read. */
  public static final long MAX_IR_VERSION = 13;

  /** Largest model file: protobuf's 2 GiB message limit, as far as one byte array holds it. */
  public static final int MAX_MODEL_BYTES = Integer.MAX_VALUE - 8;

  private final String source; // file name or "<bytes>", for messages
  private final ExternalData external;

  private OnnxReader(String source, Path modelDir) {
    this.source = source;
    this.external = new ExternalData(modelDir);
  }

  /**
   * Reads a model file; external data is read from beside it.
   *
   * @param file an {@code .onnx} file
   * @return the model
   * @throws ModelFormatException if the file is unreadable or not a valid model
   */
  public static IrModel read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_MODEL_BYTES) { // readAllBytes would throw OutOfMemoryError
        throw new ModelFormatException(file + ": " + size + " bytes, more than an ONNX file"
            + " holds (" + MAX_MODEL_BYTES + "); larger models keep tensors in external data");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read: " + e, e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return new OnnxReader(file.toString(), dir).readModel(bytes);
  }

  /**
   * Reads a model held in memory.
   *
   * @param bytes the serialized {@code ModelProto}
   * @param modelDir the directory external data is read from, or null to refuse external data
   * @return the model
   */
  public static IrModel read(byte[] bytes, Path modelDir) {
    return new OnnxReader("<model bytes>", modelDir).readModel(bytes);
  }

  /**
   * Reads a model from a stream (read to its end, not closed).
   *
   * @param in the stream
   * @param modelDir the directory external data is read from, or null to refuse it
   * @return the model
   */
  public static IrModel read(InputStream in, Path modelDir) {
    try {
      return new OnnxReader("<model stream>", modelDir).readModel(in.readAllBytes());
    } catch (IOException e) {
      throw new ModelFormatException("<model stream>: cannot read: " + e, e);
    }
  }

  private IrModel readModel(byte[] bytes) {
    if (bytes.length == 0) {
      throw fail("empty file, not an ONNX model");
    }
    ModelProto proto;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(MAX_MODEL_BYTES);
      proto = ModelProto.parseFrom(in);
      in.checkLastTagWas(0);
    } catch (InvalidProtocolBufferException e) {
      // also where nesting exceeds protobuf's recursion limit: that bounds every later recursion
      throw fail("not an ONNX model (protobuf parsing failed: " + e.getMessage() + ")");
    } catch (IOException e) {
      throw fail("not an ONNX model: " + e.getMessage());
    }
    try {
      return convert(proto);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private ModelFormatException fail(String message) {
    return new ModelFormatException(source + ": " + message);
  }

  private IrModel convert(ModelProto proto) {
    if (!proto.hasGraph()) {
      throw new ModelFormatException("the model has no graph");
    }
    long ir = proto.getIrVersion();
    if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
      throw new ModelFormatException("unsupported IR version " + ir + " (supported: "
          + MIN_IR_VERSION + " to " + MAX_IR_VERSION + ")");
    }
    Map<String, Long> opsets = opsets(proto.getOpsetImportList(), "the model");
    long defaultOpset = opsets.getOrDefault(Node.DEFAULT_DOMAIN, 1L);
    if (defaultOpset < 1 || defaultOpset > OperatorSets.MAX_DEFAULT_OPSET) {
      throw new ModelFormatException("unsupported default opset " + defaultOpset
          + " (supported: 1 to " + OperatorSets.MAX_DEFAULT_OPSET + ")");
    }
    FunctionInliner functions = new FunctionInliner(proto.getFunctionsList(), opsets);
    Graph graph = graph(functions.inline(proto.getGraph()));
    Map<String, Long> allOpsets = functions.opsets();
    new GraphChecker(allOpsets).check(graph);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto e : proto.getMetadataPropsList()) {
      metadata.put(e.getKey(), e.getValue());
    }
    return new IrModel(ir, allOpsets, metadata, proto.getProducerName(),
        proto.getProducerVersion(), proto.getDocString(), graph);
  }

  static Map<String, Long> opsets(List<OperatorSetIdProto> imports, String where) {
    Map<String, Long> opsets = new LinkedHashMap<>();
    for (OperatorSetIdProto o : imports) {
      String domain = normalizeDomain(o.getDomain());
      if (opsets.put(domain, o.getVersion()) != null) {
        throw new ModelFormatException(where + " imports domain '" + domain + "' twice");
      }
    }
    return opsets;
  }

  static String normalizeDomain(String domain) {
    return domain.isEmpty() ? Node.DEFAULT_DOMAIN : domain;
  }

  /** @return a node proto as {@link Node#describe()} writes nodes, for messages */
  static String describe(NodeProto n) {
    String domain = normalizeDomain(n.getDomain());
    return "'" + n.getName() + "' ("
        + (domain.equals(Node.DEFAULT_DOMAIN) ? "" : domain + ".") + n.getOpType() + ")";
  }

  private Graph graph(GraphProto g) {
    Graph graph = new Graph(g.getName());
    graph.setDocString(g.getDocString());
    String scope = "graph '" + g.getName() + "'";
    for (ValueInfoProto v : g.getInputList()) {
      graph.inputs().add(valueInfo(v, scope + " input"));
    }
    for (TensorProto t : g.getInitializerList()) {
      if (t.getName().isEmpty()) {
        throw new ModelFormatException(scope + " has an initializer with no name");
      }
      if (graph.initializers().put(t.getName(), tensor(t, scope + " initializer")) != null) {
        throw new ModelFormatException(scope + " has two initializers named '" + t.getName()
            + "'");
      }
    }
    for (SparseTensorProto s : g.getSparseInitializerList()) {
      String name = s.getValues().getName();
      if (name.isEmpty() || graph.initializers().containsKey(name)) {
        throw new ModelFormatException(scope + " has a sparse initializer with no or a repeated"
            + " name '" + name + "'");
      }
      graph.initializers().put(name,
          SparseTensors.densify(sparse(s, scope + " sparse initializer '" + name + "'")));
    }
    for (int i = 0; i < g.getNodeCount(); i++) {
      graph.nodes().add(node(g.getNode(i), i));
    }
    for (ValueInfoProto v : g.getOutputList()) {
      graph.outputs().add(valueInfo(v, scope + " output"));
    }
    for (ValueInfoProto v : g.getValueInfoList()) {
      ValueInfo info = valueInfo(v, scope + " value_info");
      if (info.type() != null) {
        graph.valueTypes().put(info.name(), info.type());
      }
    }
    return graph;
  }

  private ValueInfo valueInfo(ValueInfoProto v, String where) {
    if (v.getName().isEmpty()) {
      throw new ModelFormatException(where + " has no name");
    }
    String what = where + " '" + v.getName() + "'";
    return new ValueInfo(v.getName(), v.hasType() ? TypeProtos.fromProto(v.getType(), what) : null);
  }

  /** @param index the node's position in its graph, named in messages when it has no name */
  private Node node(NodeProto n, int index) {
    String position = n.getName().isEmpty() ? "#" + index + " " : "";
    if (n.getOpType().isEmpty()) {
      throw new ModelFormatException("node " + position + "'" + n.getName() + "' has no op_type");
    }
    String describe = position + describe(n);
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (AttributeProto a : n.getAttributeList()) {
      Attribute attr;
      try {
        attr = attribute(a);
      } catch (ModelFormatException e) {
        String where = a.getName().isEmpty() ? "" : ", attribute '" + a.getName() + "'";
        throw new ModelFormatException("node " + describe + where + ": " + e.getMessage(), e);
      }
      if (attributes.put(attr.name(), attr) != null) {
        throw new ModelFormatException("node " + describe + " has attribute '" + attr.name()
            + "' twice");
      }
    }
    return new Node(n.getName(), n.getOpType(), normalizeDomain(n.getDomain()),
        n.getInputList(), n.getOutputList(), attributes);
  }

  /** Converts an attribute; messages say what is wrong, the caller names node and attribute. */
  private Attribute attribute(AttributeProto a) {
    if (a.getName().isEmpty()) {
      throw new ModelFormatException("an attribute has no name");
    }
    if (!a.getRefAttrName().isEmpty()) {
      throw new ModelFormatException("refers to function attribute '" + a.getRefAttrName()
          + "' outside any function");
    }
    AttributeProto.AttributeType type = a.hasType() ? a.getType() : inferType(a);
    requireValue(a, type);
    String name = a.getName();
    return switch (type) {
      case FLOAT -> Attribute.of(name, a.getF());
      case INT -> Attribute.of(name, a.getI());
      case STRING -> Attribute.of(name, a.getS().toStringUtf8());
      case TENSOR -> Attribute.of(name, TensorProtos.fromProto(a.getT(), external));
      case GRAPH -> Attribute.of(name, graph(a.getG()));
      case SPARSE_TENSOR -> new Attribute(name, Attribute.Kind.SPARSE_TENSOR,
          sparse(a.getSparseTensor(), "sparse tensor"));
      case TYPE_PROTO -> new Attribute(name, Attribute.Kind.TYPE,
          requireType(TypeProtos.fromProto(a.getTp(), "type"), "type"));
      case FLOATS -> new Attribute(name, Attribute.Kind.FLOATS, a.getFloatsList());
      case INTS -> new Attribute(name, Attribute.Kind.INTS, a.getIntsList());
      case STRINGS -> new Attribute(name, Attribute.Kind.STRINGS,
          a.getStringsList().stream().map(s -> s.toStringUtf8()).toList());
      case TENSORS -> new Attribute(name, Attribute.Kind.TENSORS,
          a.getTensorsList().stream().map(t -> TensorProtos.fromProto(t, external)).toList());
      case GRAPHS -> new Attribute(name, Attribute.Kind.GRAPHS,
          a.getGraphsList().stream().map(this::graph).toList());
      case SPARSE_TENSORS -> new Attribute(name, Attribute.Kind.SPARSE_TENSORS,
          a.getSparseTensorsList().stream().map(s -> sparse(s, "sparse tensors")).toList());
      case TYPE_PROTOS -> new Attribute(name, Attribute.Kind.TYPES,
          a.getTypeProtosList().stream()
              .map(t -> requireType(TypeProtos.fromProto(t, "types"), "types")).toList());
      case UNDEFINED -> throw new ModelFormatException("has no value");
    };
  }

  /** A single-valued type needs its field set: proto2 keeps presence, so 0 is not "absent". */
  private static void requireValue(AttributeProto a, AttributeProto.AttributeType type) {
    String field = switch (type) {
      case FLOAT -> a.hasF() ? null : "f";
      case INT -> a.hasI() ? null : "i";
      case STRING -> a.hasS() ? null : "s";
      case TENSOR -> a.hasT() ? null : "t";
      case GRAPH -> a.hasG() ? null : "g";
      case SPARSE_TENSOR -> a.hasSparseTensor() ? null : "sparse_tensor";
      case TYPE_PROTO -> a.hasTp() ? null : "tp";
      default -> null; // lists may be empty
    };
    if (field != null) {
      throw new ModelFormatException("has type " + type + " but no " + field + " value");
    }
  }

  /** @return the tensor, errors prefixed by where it is */
  private Tensor tensor(TensorProto t, String where) {
    try {
      return TensorProtos.fromProto(t, external);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(where + ": " + e.getMessage(), e);
    }
  }

  private static ValueType requireType(ValueType t, String what) {
    if (t == null) {
      throw new ModelFormatException(what + " holds an empty type");
    }
    return t;
  }

  /** IR version 1 files carry no attribute type; tell it from the field that is set. */
  private static AttributeProto.AttributeType inferType(AttributeProto a) {
    if (a.hasF()) {
      return AttributeProto.AttributeType.FLOAT;
    } else if (a.hasI()) {
      return AttributeProto.AttributeType.INT;
    } else if (a.hasS()) {
      return AttributeProto.AttributeType.STRING;
    } else if (a.hasT()) {
      return AttributeProto.AttributeType.TENSOR;
    } else if (a.hasG()) {
      return AttributeProto.AttributeType.GRAPH;
    } else if (a.getFloatsCount() > 0) {
      return AttributeProto.AttributeType.FLOATS;
    } else if (a.getIntsCount() > 0) {
      return AttributeProto.AttributeType.INTS;
    } else if (a.getStringsCount() > 0) {
      return AttributeProto.AttributeType.STRINGS;
    } else if (a.getTensorsCount() > 0) {
      return AttributeProto.AttributeType.TENSORS;
    } else if (a.getGraphsCount() > 0) {
      return AttributeProto.AttributeType.GRAPHS;
    } else if (a.hasSparseTensor()) {
      return AttributeProto.AttributeType.SPARSE_TENSOR;
    } else if (a.hasTp()) {
      return AttributeProto.AttributeType.TYPE_PROTO;
    } else if (a.getSparseTensorsCount() > 0) {
      return AttributeProto.AttributeType.SPARSE_TENSORS;
    } else if (a.getTypeProtosCount() > 0) {
      return AttributeProto.AttributeType.TYPE_PROTOS;
    }
    return AttributeProto.AttributeType.UNDEFINED;
  }

  private SparseTensor sparse(SparseTensorProto s, String what) {
    Tensor values = tensor(s.getValues(), what + " values");
    Tensor indices = tensor(s.getIndices(), what + " indices");
    SparseTensor sparse = new SparseTensor(values, indices, s.getDimsList());
    SparseTensors.check(sparse, what);
    return sparse;
  }

}
