package dev.rnnx.converter.ir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A whole model in RNNX's internal form: the main graph, the operator sets it imports, and the
 * model's metadata. Model-local functions are inlined on import, so every node names a
 * standard or backend-provided operator.
 */
public final class IrModel {
  private final long irVersion;
  private final Map<String, Long> opsets; // domain -> version; "ai.onnx" for the default domain
  private final Map<String, String> metadata;
  private final String producerName;
  private final String producerVersion;
  private final String docString;
  private final Graph graph;

  /**
   * @param irVersion the ONNX IR version
   * @param opsets imported operator sets by domain ({@code ai.onnx} for the default one)
   * @param metadata the model's metadata properties
   * @param producerName the tool that wrote the model
   * @param producerVersion its version
   * @param docString the model's documentation
   * @param graph the main graph
   */
  public IrModel(long irVersion, Map<String, Long> opsets, Map<String, String> metadata,
      String producerName, String producerVersion, String docString, Graph graph) {
    this.irVersion = irVersion;
    this.opsets = java.util.Collections.unmodifiableMap(new TreeMap<>(opsets));
    this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.producerName = Objects.requireNonNull(producerName);
    this.producerVersion = Objects.requireNonNull(producerVersion);
    this.docString = Objects.requireNonNull(docString);
    this.graph = Objects.requireNonNull(graph);
  }

  /** @return the ONNX IR version */
  public long irVersion() {
    return irVersion;
  }

  /** @return operator set versions by domain */
  public Map<String, Long> opsets() {
    return opsets;
  }

  /** @return the version of the default ONNX operator set */
  public long defaultOpset() {
    return opsets.getOrDefault(Node.DEFAULT_DOMAIN, 0L);
  }

  /** @return metadata properties */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** @return the producing tool's name */
  public String producerName() {
    return producerName;
  }

  /** @return the producing tool's version */
  public String producerVersion() {
    return producerVersion;
  }

  /** @return the model's documentation */
  public String docString() {
    return docString;
  }

  /** @return the main graph (mutable; passes rewrite it in place) */
  public Graph graph() {
    return graph;
  }

  /** @return a copy with another main graph */
  public IrModel withGraph(Graph newGraph) {
    return new IrModel(irVersion, opsets, metadata, producerName, producerVersion, docString,
        newGraph);
  }

  /** @return a copy with other operator set versions */
  public IrModel withOpsets(Map<String, Long> newOpsets) {
    return new IrModel(irVersion, newOpsets, metadata, producerName, producerVersion, docString,
        graph);
  }

  /** @return a deep copy */
  public IrModel copy() {
    return withGraph(graph.copy());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IrModel m
        && m.irVersion == irVersion
        && m.opsets.equals(opsets)
        && m.metadata.equals(metadata)
        && m.producerName.equals(producerName)
        && m.producerVersion.equals(producerVersion)
        && m.docString.equals(docString)
        && m.graph.equals(graph);
  }

  @Override
  public int hashCode() {
    return Objects.hash(irVersion, opsets, graph);
  }
}
