package dev.rnnx.converter.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operator application. An empty string in {@link #inputs()} or {@link #outputs()} marks an
 * optional input or output left out.
 *
 * @param name the node name (may be empty)
 * @param opType the operator, e.g. {@code LSTM}
 * @param domain the operator's domain; {@code ai.onnx} for the default one
 * @param inputs the names of the values it reads
 * @param outputs the names of the values it produces
 * @param attributes its attributes by name, in file order
 */
public record Node(
    String name,
    String opType,
    String domain,
    List<String> inputs,
    List<String> outputs,
    Map<String, Attribute> attributes) {

  /** The default ONNX domain, to which the empty domain string is normalized. */
  public static final String DEFAULT_DOMAIN = "ai.onnx";

  /** Copies the lists and map. */
  public Node {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * A node of the default domain.
   *
   * @param name node name
   * @param opType operator
   * @param inputs input names
   * @param outputs output names
   * @param attributes attributes
   * @return the node
   */
  public static Node of(
      String name, String opType, List<String> inputs, List<String> outputs,
      List<Attribute> attributes) {
    Map<String, Attribute> map = new LinkedHashMap<>();
    attributes.forEach(a -> map.put(a.name(), a));
    return new Node(name, opType, DEFAULT_DOMAIN, inputs, outputs, map);
  }

  /**
   * @param attribute attribute name
   * @return the attribute if present
   */
  public Optional<Attribute> attribute(String attribute) {
    return Optional.ofNullable(attributes.get(attribute));
  }

  /** @return the int attribute, or {@code fallback} when absent */
  public long intAttr(String attribute, long fallback) {
    Attribute a = attributes.get(attribute);
    return a == null ? fallback : a.asInt();
  }

  /** @return the float attribute, or {@code fallback} when absent */
  public float floatAttr(String attribute, float fallback) {
    Attribute a = attributes.get(attribute);
    return a == null ? fallback : a.asFloat();
  }

  /** @return the string attribute, or {@code fallback} when absent */
  public String stringAttr(String attribute, String fallback) {
    Attribute a = attributes.get(attribute);
    return a == null ? fallback : a.asString();
  }

  /**
   * @param index input position
   * @return the input name, or empty when absent (left out or beyond the list)
   */
  public Optional<String> input(int index) {
    return index < inputs.size() && !inputs.get(index).isEmpty()
        ? Optional.of(inputs.get(index)) : Optional.empty();
  }

  /**
   * @param index output position
   * @return the output name, or empty when absent
   */
  public Optional<String> output(int index) {
    return index < outputs.size() && !outputs.get(index).isEmpty()
        ? Optional.of(outputs.get(index)) : Optional.empty();
  }

  /** @return this node with other inputs */
  public Node withInputs(List<String> newInputs) {
    return new Node(name, opType, domain, newInputs, outputs, attributes);
  }

  /** @return this node with other outputs */
  public Node withOutputs(List<String> newOutputs) {
    return new Node(name, opType, domain, inputs, newOutputs, attributes);
  }

  /** @return this node with one attribute set (added or replaced) */
  public Node withAttribute(Attribute attribute) {
    Map<String, Attribute> map = new LinkedHashMap<>(attributes);
    map.put(attribute.name(), attribute);
    return new Node(name, opType, domain, inputs, outputs, map);
  }

  /** @return this node with one attribute removed */
  public Node withoutAttribute(String attribute) {
    Map<String, Attribute> map = new LinkedHashMap<>(attributes);
    map.remove(attribute);
    return new Node(name, opType, domain, inputs, outputs, map);
  }

  /** @return the subgraphs held in this node's attributes */
  public List<Graph> subgraphs() {
    return attributes.values().stream().flatMap(a -> a.graphs().stream()).toList();
  }

  /** @return a copy whose subgraphs are deep copies */
  public Node deepCopy() {
    Map<String, Attribute> map = new LinkedHashMap<>();
    attributes.forEach((k, v) -> map.put(k, v.deepCopy()));
    return new Node(name, opType, domain, inputs, outputs, map);
  }

  /** @return e.g. {@code 'lstm1' (LSTM)} for messages */
  public String describe() {
    return "'" + name + "' (" + (domain.equals(DEFAULT_DOMAIN) ? "" : domain + ".") + opType + ")";
  }
}
