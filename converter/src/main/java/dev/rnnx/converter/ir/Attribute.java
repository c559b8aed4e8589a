package dev.rnnx.converter.ir;

import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * A node attribute: a name, a kind and a value of the matching Java type.
 *
 * @param name the attribute name
 * @param kind what it holds
 * @param value a {@link Float}, {@link Long}, {@link String}, {@link Tensor}, {@link Graph},
 *     {@link SparseTensor}, {@link ValueType}, or an immutable list of one of them, per kind
 */
public record Attribute(String name, Kind kind, Object value) {
  /** What an attribute holds; the ONNX {@code AttributeType}s. */
  public enum Kind {
    /** one float */
    FLOAT(1),
    /** one int64 */
    INT(2),
    /** one string */
    STRING(3),
    /** one tensor */
    TENSOR(4),
    /** one subgraph */
    GRAPH(5),
    /** one sparse tensor */
    SPARSE_TENSOR(11),
    /** one type */
    TYPE(13),
    /** floats */
    FLOATS(6),
    /** int64s */
    INTS(7),
    /** strings */
    STRINGS(8),
    /** tensors */
    TENSORS(9),
    /** subgraphs */
    GRAPHS(10),
    /** sparse tensors */
    SPARSE_TENSORS(12),
    /** types */
    TYPES(14);

    private final int onnxCode;

    Kind(int onnxCode) {
      this.onnxCode = onnxCode;
    }

    /** @return the {@code AttributeProto.AttributeType} number */
    public int onnxCode() {
      return onnxCode;
    }
  }

  /** Checks the value's type and copies lists. */
  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (value instanceof List<?> list) {
      value = List.copyOf(list);
    }
  }

  /** @return a float attribute */
  public static Attribute of(String name, float v) {
    return new Attribute(name, Kind.FLOAT, v);
  }

  /** @return an int attribute */
  public static Attribute of(String name, long v) {
    return new Attribute(name, Kind.INT, v);
  }

  /** @return a string attribute */
  public static Attribute of(String name, String v) {
    return new Attribute(name, Kind.STRING, v);
  }

  /** @return a tensor attribute */
  public static Attribute of(String name, Tensor v) {
    return new Attribute(name, Kind.TENSOR, v);
  }

  /** @return a graph attribute */
  public static Attribute of(String name, Graph v) {
    return new Attribute(name, Kind.GRAPH, v);
  }

  /** @return an ints attribute */
  public static Attribute ints(String name, long... v) {
    return new Attribute(name, Kind.INTS, java.util.Arrays.stream(v).boxed().toList());
  }

  /** @return a floats attribute */
  public static Attribute floats(String name, float... v) {
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return new Attribute(name, Kind.FLOATS, List.of(boxed));
  }

  /** @return a strings attribute */
  public static Attribute strings(String name, String... v) {
    return new Attribute(name, Kind.STRINGS, List.of(v));
  }

  /** @return the float value */
  public float asFloat() {
    return (Float) expect(Kind.FLOAT);
  }

  /** @return the int value */
  public long asInt() {
    return (Long) expect(Kind.INT);
  }

  /** @return the string value */
  public String asString() {
    return (String) expect(Kind.STRING);
  }

  /** @return the tensor value */
  public Tensor asTensor() {
    return (Tensor) expect(Kind.TENSOR);
  }

  /** @return the subgraph value */
  public Graph asGraph() {
    return (Graph) expect(Kind.GRAPH);
  }

  /** @return the int values */
  public long[] asInts() {
    @SuppressWarnings("unchecked")
    List<Long> list = (List<Long>) expect(Kind.INTS);
    return list.stream().mapToLong(Long::longValue).toArray();
  }

  /** @return the float values */
  public float[] asFloats() {
    @SuppressWarnings("unchecked")
    List<Float> list = (List<Float>) expect(Kind.FLOATS);
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  /** @return the string values */
  @SuppressWarnings("unchecked")
  public List<String> asStrings() {
    return (List<String>) expect(Kind.STRINGS);
  }

  /** @return the subgraphs of a GRAPH or GRAPHS attribute */
  @SuppressWarnings("unchecked")
  public List<Graph> graphs() {
    return switch (kind) {
      case GRAPH -> List.of((Graph) value);
      case GRAPHS -> (List<Graph>) value;
      default -> List.of();
    };
  }

  private Object expect(Kind expected) {
    if (kind != expected) {
      throw new IllegalStateException(
          "attribute '" + name + "' holds " + kind + ", not " + expected);
    }
    return value;
  }

  /** @return a copy whose subgraphs are deep copies */
  public Attribute deepCopy() {
    return switch (kind) {
      case GRAPH -> new Attribute(name, kind, ((Graph) value).copy());
      case GRAPHS -> new Attribute(name, kind, graphs().stream().map(Graph::copy).toList());
      default -> this;
    };
  }
}
