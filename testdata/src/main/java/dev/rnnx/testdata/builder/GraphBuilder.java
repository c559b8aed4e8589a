package dev.rnnx.testdata.builder;

import dev.rnnx.onnx.proto.OnnxProto.GraphProto;

/**
 * Builds a subgraph, the body of an {@code If}, {@code Loop} or {@code Scan}. A subgraph may read
 * values of enclosing graphs (outer-scope references) simply by naming them as node inputs: they
 * are neither inputs nor initializers of the subgraph.
 *
 * <pre>{@code
 * GraphBuilder body = GraphBuilder.named("body")
 *     .input("acc_in", FLOAT, 2).input("x_t", FLOAT, 2)
 *     .node("Add").inputs("acc_in", "x_t").outputs("sum").done()
 *     .node("Mul").inputs("sum", "outer_scale").outputs("acc_out").done() // outer_scale: outer scope
 *     .output("acc_out", FLOAT, 2);
 * }</pre>
 */
public final class GraphBuilder extends AbstractGraphBuilder<GraphBuilder> {
  private GraphBuilder(String name) {
    super(name);
  }

  /**
   * @param name the subgraph's name
   * @return an empty subgraph builder
   */
  public static GraphBuilder named(String name) {
    return new GraphBuilder(name);
  }

  @Override
  protected GraphBuilder self() {
    return this;
  }

  /** @return the subgraph */
  public GraphProto build() {
    return buildGraph();
  }
}
