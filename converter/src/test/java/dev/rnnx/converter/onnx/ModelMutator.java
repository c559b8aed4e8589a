package dev.rnnx.converter.onnx;

import com.google.protobuf.ByteString;
import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.FunctionProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.rnnx.onnx.proto.OnnxProto.SparseTensorProto;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnnx.onnx.proto.OnnxProto.TypeProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Derives malformed (or still valid) variants of an ONNX model, deterministically from a seeded
 * {@link Random}: byte-level damage (truncation, bit flips, insertions, deletions) and structured
 * changes through the protobuf builders (dims, data types, data lengths, external data, dropped
 * or renamed values, versions, attribute types, functions). Each mutant says what was done.
 */
final class ModelMutator {
  /** A mutated model and what was done to it. */
  record Mutant(String description, byte[] bytes) {}

  /** Dims: small, large but below 2^31 elements in all, beyond it, and negative. */
  private static final long[] DIMS = {0, 1, 2, 3, 7, 64, 1000, 46341, 65536, 1 << 20, 1 << 28,
      1 << 30, 1L << 31, 1L << 40, Long.MAX_VALUE, -1, -5, Long.MIN_VALUE};
  private static final long[] VERSIONS = {Long.MIN_VALUE, -1, 0, 1, 2, 3, 6, 7, 9, 13, 17, 22,
      28, 29, 1000};
  private static final String[] OPS = {"", "Frobnicate", "LSTM", "GRU", "Scan", "Loop", "If",
      "Gelu", "Relu", "Identity", "Constant"};
  private static final String[] DOMAINS = {"", "ai.onnx", "ai.onnx.ml", "ai.onnx.preview",
      "com.example", "fuzz"};
  /** Locations relative to the model directory the fuzz test lays out. */
  private static final String[] LOCATIONS = {"w.bin", "../outside.bin", "/etc/hostname", "",
      "missing.bin", "sub/../w.bin", "link.bin", "sub", "a\u0000b", "sub/../../outside.bin"};
  private static final String[] OFFSETS = {"0", "4", "8", "-1", "64", "1099511627776",
      "9223372036854775807", "x"};

  private final Random random;
  private final List<String> log = new ArrayList<>();

  ModelMutator(Random random) {
    this.random = random;
  }

  /** @return one mutant of the model: byte damage a third of the time, else 1 to 3 edits */
  Mutant mutate(ModelProto base) {
    log.clear();
    byte[] bytes;
    if (random.nextInt(3) == 0) {
      bytes = damage(base.toByteArray());
    } else {
      ModelProto.Builder m = base.toBuilder();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        edit(m);
      }
      bytes = m.build().toByteArray();
    }
    return new Mutant(String.join("; ", log), bytes);
  }

  private void log(String what) {
    log.add(what);
  }

  private byte[] damage(byte[] b) {
    int at = random.nextInt(b.length + 1);
    switch (random.nextInt(5)) {
      case 0 -> {
        log("truncate to " + at + " of " + b.length + " bytes");
        return Arrays.copyOf(b, at);
      }
      case 1 -> {
        byte[] out = b.clone();
        for (int k = 1 + random.nextInt(8); k > 0 && out.length > 0; k--) {
          int bit = random.nextInt(out.length * 8);
          out[bit / 8] ^= (byte) (1 << (bit % 8));
          log("flip bit " + bit);
        }
        return out;
      }
      case 2 -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        log("insert " + extra.length + " random bytes at " + at);
        return splice(b, at, 0, extra);
      }
      case 3 -> {
        int n = Math.min(1 + random.nextInt(16), b.length - at);
        log("delete " + n + " bytes at " + at);
        return splice(b, at, n, new byte[0]);
      }
      default -> {
        // 0xff runs read as huge varints: lengths and counts far beyond the input
        int n = Math.min(1 + random.nextInt(10), b.length - at);
        byte[] out = b.clone();
        Arrays.fill(out, at, at + n, (byte) 0xff);
        log("overwrite " + n + " bytes at " + at + " with 0xff");
        return out;
      }
    }
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private long pick(long[] options) {
    return options[random.nextInt(options.length)];
  }

  private void edit(ModelProto.Builder m) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      long v = pick(VERSIONS);
      log("ir_version " + v);
      m.setIrVersion(v);
    } else if (kind == 1 && m.getOpsetImportCount() > 0) {
      int i = random.nextInt(m.getOpsetImportCount());
      OperatorSetIdProto.Builder o = m.getOpsetImportBuilder(i);
      if (random.nextBoolean()) {
        o.setVersion(pick(VERSIONS));
      } else {
        o.setDomain(pick(DOMAINS));
      }
      log("opset import " + i + " := " + o.getDomain() + " " + o.getVersion());
    } else if (kind == 2) {
      addFunction(m);
    } else if (kind == 3 && random.nextInt(4) == 0) {
      log("no graph");
      m.clearGraph();
    } else {
      m.setGraph(editGraph(m.getGraph(), 0));
    }
  }

  /** Adds a function of domain "fuzz" (sometimes recursive) and replaces a node by a call. */
  private void addFunction(ModelProto.Builder m) {
    boolean recursive = random.nextInt(3) == 0;
    String callee = recursive ? "F" : pick(new String[] {"Relu", "Identity", "Frobnicate"});
    NodeProto body = NodeProto.newBuilder().setName("inner").setOpType(callee)
        .setDomain(recursive ? "fuzz" : "").addInput("x").addOutput("y")
        .addAttribute(AttributeProto.newBuilder().setName("alpha").setRefAttrName(
            random.nextBoolean() ? "a" : "undeclared").setType(AttributeProto.AttributeType.FLOAT))
        .build();
    FunctionProto.Builder f = FunctionProto.newBuilder().setName("F").setDomain("fuzz")
        .addInput("x").addOutput("y").addAttribute("a").addNode(body)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17));
    m.addFunctions(f);
    if (random.nextBoolean()) {
      m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("fuzz").setVersion(1));
    }
    log("add function fuzz.F calling " + callee);
    GraphProto.Builder g = m.getGraphBuilder();
    if (g.getNodeCount() > 0) {
      int i = random.nextInt(g.getNodeCount());
      NodeProto.Builder n = g.getNodeBuilder(i).setOpType("F").setDomain("fuzz").clearAttribute();
      if (random.nextBoolean()) {
        n.addAttribute(AttributeProto.newBuilder().setName("a").setF(0.5f)
            .setType(AttributeProto.AttributeType.FLOAT));
      }
      log("node " + i + " calls it");
    }
  }

  private GraphProto editGraph(GraphProto graph, int depth) {
    GraphProto.Builder g = graph.toBuilder();
    List<int[]> subgraphs = new ArrayList<>(); // (node, attribute) holding a graph
    for (int i = 0; i < g.getNodeCount(); i++) {
      for (int a = 0; a < g.getNode(i).getAttributeCount(); a++) {
        if (g.getNode(i).getAttribute(a).hasG()) {
          subgraphs.add(new int[] {i, a});
        }
      }
    }
    if (!subgraphs.isEmpty() && depth < 3 && random.nextInt(3) == 0) {
      int[] at = subgraphs.get(random.nextInt(subgraphs.size()));
      AttributeProto.Builder a = g.getNodeBuilder(at[0]).getAttributeBuilder(at[1]);
      log("in subgraph " + a.getName() + " of node " + at[0]);
      a.setG(editGraph(a.getG(), depth + 1));
      return g.build();
    }
    int nodes = g.getNodeCount();
    int kind = random.nextInt(15);
    if (nodes == 0 && kind < 9) {
      kind = 9 + random.nextInt(6);
    }
    switch (kind) {
      case 0 -> {
        int i = random.nextInt(nodes);
        log("drop node " + i);
        g.removeNode(i);
      }
      case 1 -> {
        int i = random.nextInt(nodes);
        log("duplicate node " + i);
        g.addNode(g.getNode(i));
      }
      case 2 -> {
        NodeProto.Builder n = g.getNodeBuilder(random.nextInt(nodes));
        if (n.getInputCount() > 0) {
          int k = random.nextInt(n.getInputCount());
          List<String> inputs = new ArrayList<>(n.getInputList());
          inputs.remove(k);
          log("drop input " + k + " of node " + n.getName());
          n.clearInput().addAllInput(inputs);
        }
      }
      case 3 -> {
        NodeProto.Builder n = g.getNodeBuilder(random.nextInt(nodes));
        if (n.getInputCount() > 0) {
          int k = random.nextInt(n.getInputCount());
          String name = someName(g);
          log("rename input " + k + " of node " + n.getName() + " to '" + name + "'");
          n.setInput(k, name);
        }
      }
      case 4 -> {
        NodeProto.Builder n = g.getNodeBuilder(random.nextInt(nodes));
        if (n.getOutputCount() > 0) {
          int k = random.nextInt(n.getOutputCount());
          String name = someName(g);
          log("rename output " + k + " of node " + n.getName() + " to '" + name + "'");
          n.setOutput(k, name);
        }
      }
      case 5 -> {
        NodeProto.Builder n = g.getNodeBuilder(random.nextInt(nodes));
        if (random.nextBoolean()) {
          n.setOpType(pick(OPS));
        } else {
          n.setDomain(pick(DOMAINS));
        }
        log("node " + n.getName() + " := " + n.getDomain() + "." + n.getOpType());
      }
      case 6 -> editAttribute(g.getNodeBuilder(random.nextInt(nodes)));
      case 7 -> {
        // a cycle: the first node reads what the last one produces
        NodeProto last = g.getNode(nodes - 1);
        if (last.getOutputCount() > 0 && g.getNode(0).getInputCount() > 0) {
          log("node 0 reads output of node " + (nodes - 1));
          g.getNodeBuilder(0).setInput(0, last.getOutput(0));
        }
      }
      case 8 -> {
        List<NodeProto> reversed = new ArrayList<>(g.getNodeList());
        java.util.Collections.reverse(reversed);
        log("reverse node order");
        g.clearNode().addAllNode(reversed);
      }
      case 9 -> editSomeTensor(g);
      case 10 -> {
        TensorProto.Builder t = TensorProto.newBuilder().setName(someName(g))
            .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2)
            .addAllFloatData(List.of(1f, 2f));
        editTensor(t);
        log("add initializer '" + t.getName() + "'");
        g.addInitializer(t);
      }
      case 11 -> g.addSparseInitializer(sparse(someName(g)));
      case 12 -> {
        if (g.getInputCount() > 0) {
          int i = random.nextInt(g.getInputCount());
          log("drop graph input " + i);
          g.removeInput(i);
        }
      }
      case 13 -> {
        if (random.nextBoolean() && g.getOutputCount() > 0) {
          int i = random.nextInt(g.getOutputCount());
          log("drop graph output " + i);
          g.removeOutput(i);
        } else {
          log("add graph output 'ghost'");
          g.addOutput(ValueInfoProto.newBuilder().setName("ghost"));
        }
      }
      default -> editValueType(g);
    }
    return g.build();
  }

  /** @return an existing value name, or a new one, or the empty name */
  private String someName(GraphProto.Builder g) {
    List<String> names = new ArrayList<>(List.of("", "ghost"));
    g.getInputList().forEach(v -> names.add(v.getName()));
    g.getInitializerList().forEach(t -> names.add(t.getName()));
    g.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
    return names.get(random.nextInt(names.size()));
  }

  private void editAttribute(NodeProto.Builder n) {
    if (n.getAttributeCount() == 0) {
      log("add attribute of no value to node " + n.getName());
      n.addAttribute(AttributeProto.newBuilder().setName("alpha"));
      return;
    }
    AttributeProto.Builder a = n.getAttributeBuilder(random.nextInt(n.getAttributeCount()));
    switch (random.nextInt(7)) {
      case 0 -> {
        AttributeProto.AttributeType[] types = AttributeProto.AttributeType.values();
        a.setType(pick(types));
        log("attribute " + a.getName() + " of node " + n.getName() + " := type " + a.getType());
      }
      case 1 -> {
        log("clear type of attribute " + a.getName() + " of node " + n.getName());
        a.clearType();
      }
      case 2 -> {
        log("attribute " + a.getName() + " of node " + n.getName() + " refers to 'r'");
        a.setRefAttrName("r");
      }
      case 3 -> {
        log("attribute " + a.getName() + " of node " + n.getName() + " loses its name");
        a.setName("");
      }
      case 4 -> {
        log("attribute " + a.getName() + " of node " + n.getName() + " := sparse tensor");
        a.setType(AttributeProto.AttributeType.SPARSE_TENSOR).setSparseTensor(sparse("s"));
      }
      case 5 -> {
        TypeProto.Builder t = TypeProto.newBuilder();
        int code = random.nextInt(30) - 2;
        if (random.nextBoolean()) {
          t.getSequenceTypeBuilder().getElemTypeBuilder().getTensorTypeBuilder()
              .setElemType(code);
        } else {
          t.getMapTypeBuilder().setKeyType(code).getValueTypeBuilder().getOptionalTypeBuilder();
        }
        log("attribute " + a.getName() + " of node " + n.getName() + " := type "
            + com.google.protobuf.TextFormat.shortDebugString(t));
        a.setType(AttributeProto.AttributeType.TYPE_PROTO).setTp(t);
      }
      default -> {
        log("duplicate attribute " + a.getName() + " of node " + n.getName());
        n.addAttribute(a.build());
      }
    }
  }

  /** Edits an initializer or a tensor-valued attribute (Constant's value), if there is one. */
  private void editSomeTensor(GraphProto.Builder g) {
    List<TensorProto.Builder> tensors = new ArrayList<>(g.getInitializerBuilderList());
    for (NodeProto.Builder n : g.getNodeBuilderList()) {
      for (AttributeProto.Builder a : n.getAttributeBuilderList()) {
        if (a.hasT()) {
          tensors.add(a.getTBuilder());
        }
      }
    }
    if (!tensors.isEmpty()) {
      TensorProto.Builder t = tensors.get(random.nextInt(tensors.size()));
      log("tensor '" + t.getName() + "'");
      editTensor(t);
    }
  }

  private void editTensor(TensorProto.Builder t) {
    switch (random.nextInt(8)) {
      case 0 -> {
        t.clearDims();
        for (int k = random.nextInt(5); k > 0; k--) {
          t.addDims(pick(DIMS));
        }
        log("dims := " + t.getDimsList());
      }
      case 1 -> {
        if (t.getDimsCount() == 0) {
          t.addDims(1);
        }
        t.setDims(random.nextInt(t.getDimsCount()), -1 - random.nextInt(3));
        log("negative dim: " + t.getDimsList());
      }
      case 2 -> {
        List<List<Long>> huge = List.of(List.of(65536L, 65536L), List.of(1L << 31),
            List.of(1L << 29), List.of(3L, 1L << 28), List.of(46341L, 46341L));
        t.clearDims().addAllDims(huge.get(random.nextInt(huge.size())));
        log("huge dims " + t.getDimsList());
      }
      case 3 -> {
        int data = random.nextInt(30) - 2;
        log("data_type := " + data);
        t.setDataType(data);
      }
      case 4 -> wrongLength(t);
      case 5 -> external(t);
      case 6 -> {
        log("segment");
        t.setSegment(TensorProto.Segment.newBuilder().setBegin(0).setEnd(1));
      }
      default -> {
        log("raw_data and float_data");
        t.setRawData(ByteString.copyFrom(new byte[4 * random.nextInt(3)])).addFloatData(1f);
      }
    }
  }

  private void wrongLength(TensorProto.Builder t) {
    int delta = random.nextBoolean() ? -1 : 1 + random.nextInt(4);
    if (t.hasRawData()) {
      int n = Math.max(0, t.getRawData().size() + delta);
      log("raw_data length := " + n);
      t.setRawData(ByteString.copyFrom(Arrays.copyOf(t.getRawData().toByteArray(), n)));
    } else if (delta < 0) {
      log("one typed value fewer");
      List<Float> f = t.getFloatDataList();
      t.clearFloatData().addAllFloatData(f.subList(0, Math.max(0, f.size() - 1)));
      List<Long> l = t.getInt64DataList();
      t.clearInt64Data().addAllInt64Data(l.subList(0, Math.max(0, l.size() - 1)));
      List<Integer> i = t.getInt32DataList();
      t.clearInt32Data().addAllInt32Data(i.subList(0, Math.max(0, i.size() - 1)));
      List<ByteString> s = t.getStringDataList();
      t.clearStringData().addAllStringData(s.subList(0, Math.max(0, s.size() - 1)));
    } else {
      log(delta + " typed values more");
      for (int k = 0; k < delta; k++) {
        t.addFloatData(k).addInt64Data(k).addInt32Data(1000 * k).addDoubleData(k)
            .addUint64Data(k).addStringData(ByteString.copyFromUtf8("s"));
      }
    }
  }

  private void external(TensorProto.Builder t) {
    t.setDataLocation(TensorProto.DataLocation.EXTERNAL).clearRawData().clearExternalData();
    String location = pick(LOCATIONS);
    t.addExternalData(entry("location", location));
    String offset = pick(OFFSETS);
    t.addExternalData(entry("offset", offset));
    String length = random.nextBoolean() ? pick(OFFSETS) : null;
    if (length != null) {
      t.addExternalData(entry("length", length));
    }
    log("external '" + location + "' offset " + offset + " length " + length);
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private SparseTensorProto sparse(String name) {
    int nnz = random.nextInt(3);
    TensorProto.Builder values = TensorProto.newBuilder().setName(name)
        .setDataType(random.nextInt(4) == 0 ? random.nextInt(30) : TensorProto.DataType.FLOAT_VALUE)
        .addDims(nnz);
    TensorProto.Builder indices = TensorProto.newBuilder()
        .setDataType(TensorProto.DataType.INT64_VALUE).addDims(nnz);
    for (int i = 0; i < nnz; i++) {
      values.addFloatData(i);
      indices.addInt64Data(pick(DIMS));
    }
    SparseTensorProto.Builder s = SparseTensorProto.newBuilder().setValues(values)
        .setIndices(indices);
    for (int k = random.nextInt(3); k > 0; k--) {
      s.addDims(pick(DIMS));
    }
    log("add sparse initializer '" + name + "' of dims " + s.getDimsList() + ", indices "
        + indices.getInt64DataList() + ", type " + values.getDataType());
    return s.build();
  }

  /** Gives a graph input or output a random element type or a negative dim. */
  private void editValueType(GraphProto.Builder g) {
    List<ValueInfoProto.Builder> values = new ArrayList<>(g.getInputBuilderList());
    values.addAll(g.getOutputBuilderList());
    if (values.isEmpty()) {
      return;
    }
    ValueInfoProto.Builder v = values.get(random.nextInt(values.size()));
    TypeProto.Tensor.Builder t = v.getTypeBuilder().getTensorTypeBuilder();
    if (random.nextBoolean()) {
      t.setElemType(random.nextInt(30) - 2);
      log("value '" + v.getName() + "' elem_type := " + t.getElemType());
    } else {
      t.getShapeBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(-2));
      log("value '" + v.getName() + "' gets dim -2");
    }
  }
}
