package dev.rnnx.testdata.builder;

import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.TypeProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;

/**
 * What a main graph and a subgraph have in common: inputs, outputs, value infos, initializers
 * and nodes, added in call order. Names are not checked here: a builder for tests must be able
 * to write malformed models too.
 *
 * @param <B> the concrete builder, returned by every call so that calls chain
 */
public abstract class AbstractGraphBuilder<B extends AbstractGraphBuilder<B>> {
  private final GraphProto.Builder graph = GraphProto.newBuilder();

  AbstractGraphBuilder(String name) {
    graph.setName(name);
  }

  /** @return this builder as its concrete type */
  protected abstract B self();

  /**
   * Adds a graph input.
   *
   * @param name the input's name
   * @param type its element type
   * @param dims fixed sizes ({@code int}/{@code long}) and symbolic dims ({@code String}), see
   *     {@link ValueInfos#tensor}
   * @return this
   */
  public B input(String name, ElementType type, Object... dims) {
    graph.addInput(ValueInfos.tensor(name, type, dims));
    return self();
  }

  /**
   * Adds a graph input of any type (sequences, optionals, unranked tensors).
   *
   * @param name the input's name
   * @param type its type
   * @return this
   */
  public B input(String name, TypeProto type) {
    graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(type));
    return self();
  }

  /**
   * Adds a graph output.
   *
   * @param name the name of the value the graph returns
   * @param type its element type
   * @param dims as for {@link #input(String, ElementType, Object...)}
   * @return this
   */
  public B output(String name, ElementType type, Object... dims) {
    graph.addOutput(ValueInfos.tensor(name, type, dims));
    return self();
  }

  /**
   * Adds a graph output of any type.
   *
   * @param name the name of the value the graph returns
   * @param type its type
   * @return this
   */
  public B output(String name, TypeProto type) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(type));
    return self();
  }

  /**
   * Describes an intermediate value's type ({@code value_info}).
   *
   * @param name the value's name
   * @param type its element type
   * @param dims as for {@link #input(String, ElementType, Object...)}
   * @return this
   */
  public B valueInfo(String name, ElementType type, Object... dims) {
    graph.addValueInfo(ValueInfos.tensor(name, type, dims));
    return self();
  }

  /**
   * Adds a constant tensor (an initializer).
   *
   * @param name the value's name
   * @param value its contents
   * @return this
   */
  public B initializer(String name, Tensor value) {
    graph.addInitializer(TensorEncoder.encode(value, name));
    return self();
  }

  /**
   * Starts a node; finish it with {@link NodeBuilder#done()}.
   *
   * @param opType the operator, e.g. {@code "LSTM"}
   * @return the node's builder
   */
  public NodeBuilder<B> node(String opType) {
    return new NodeBuilder<>(opType, self(), graph::addNode);
  }

  /**
   * Renames the graph.
   *
   * @param name the graph's name
   * @return this
   */
  public B graphName(String name) {
    graph.setName(name);
    return self();
  }

  /**
   * Sets the graph's documentation string.
   *
   * @param doc the text
   * @return this
   */
  public B docString(String doc) {
    graph.setDocString(doc);
    return self();
  }

  /** @return the graph built so far (the builder stays usable) */
  public GraphProto buildGraph() {
    return graph.build();
  }
}
