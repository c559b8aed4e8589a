package dev.rnnx.testdata.builder;

import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.tensor.Tensor;
import java.util.function.Consumer;

/**
 * Builds one node of a graph; {@link #done()} adds it to the graph and returns the graph's
 * builder so that calls chain. Optional inputs that are left out but followed by present ones
 * are written as empty names ({@code ""}), exactly as ONNX represents them.
 *
 * @param <G> the graph builder this node belongs to
 */
public final class NodeBuilder<G> {
  private final NodeProto.Builder node;
  private final G graph;
  private final Consumer<NodeProto> sink;

  NodeBuilder(String opType, G graph, Consumer<NodeProto> sink) {
    this.node = NodeProto.newBuilder().setOpType(opType);
    this.graph = graph;
    this.sink = sink;
  }

  /** @return this, with the inputs appended ({@code ""} for an absent optional input) */
  public NodeBuilder<G> inputs(String... names) {
    for (String n : names) {
      node.addInput(n);
    }
    return this;
  }

  /** @return this, with the outputs appended ({@code ""} for an unused optional output) */
  public NodeBuilder<G> outputs(String... names) {
    for (String n : names) {
      node.addOutput(n);
    }
    return this;
  }

  /** @return this, with the node's name set (names are optional in ONNX) */
  public NodeBuilder<G> name(String name) {
    node.setName(name);
    return this;
  }

  /** @return this, with the operator's domain set (the default domain if never called) */
  public NodeBuilder<G> domain(String domain) {
    node.setDomain(domain);
    return this;
  }

  /** @return this, with an INT attribute */
  public NodeBuilder<G> attr(String name, long value) {
    return attr(Attributes.ofInt(name, value));
  }

  /** @return this, with a FLOAT attribute */
  public NodeBuilder<G> attr(String name, float value) {
    return attr(Attributes.ofFloat(name, value));
  }

  /** @return this, with a FLOAT attribute (ONNX floats are 32-bit: the value is rounded) */
  public NodeBuilder<G> attr(String name, double value) {
    return attr(name, (float) value);
  }

  /** @return this, with a STRING attribute */
  public NodeBuilder<G> attr(String name, String value) {
    return attr(Attributes.ofString(name, value));
  }

  /** @return this, with a TENSOR attribute */
  public NodeBuilder<G> attr(String name, Tensor value) {
    return attr(Attributes.ofTensor(name, value));
  }

  /** @return this, with a GRAPH attribute */
  public NodeBuilder<G> attr(String name, GraphProto value) {
    return attr(Attributes.ofGraph(name, value));
  }

  /** @return this, with a GRAPH attribute built from a subgraph builder */
  public NodeBuilder<G> attr(String name, GraphBuilder value) {
    return attr(name, value.build());
  }

  /** @return this, with an INTS attribute */
  public NodeBuilder<G> attrInts(String name, long... values) {
    return attr(Attributes.ofInts(name, values));
  }

  /** @return this, with a FLOATS attribute */
  public NodeBuilder<G> attrFloats(String name, float... values) {
    return attr(Attributes.ofFloats(name, values));
  }

  /** @return this, with a STRINGS attribute */
  public NodeBuilder<G> attrStrings(String name, String... values) {
    return attr(Attributes.ofStrings(name, values));
  }

  /** @return this, with an attribute built elsewhere (see {@link Attributes}) */
  public NodeBuilder<G> attr(AttributeProto attribute) {
    node.addAttribute(attribute);
    return this;
  }

  /**
   * Adds the node to its graph.
   *
   * @return the graph's builder
   */
  public G done() {
    sink.accept(node.build());
    return graph;
  }
}
