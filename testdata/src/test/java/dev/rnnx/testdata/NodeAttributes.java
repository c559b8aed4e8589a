package dev.rnnx.testdata;

import dev.rnnx.onnx.proto.OnnxProto.AttributeProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.testdata.reference.Direction;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Typed reads of a node's attributes, with defaults for absent ones. */
public final class NodeAttributes {
  private final Map<String, AttributeProto> byName;

  /** @param node the node whose attributes are read */
  public NodeAttributes(NodeProto node) {
    this.byName = node.getAttributeList().stream()
        .collect(Collectors.toMap(AttributeProto::getName, a -> a));
  }

  /** @return whether the attribute is present */
  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** @return the INT attribute, or {@code dflt} */
  public long getInt(String name, long dflt) {
    return has(name) ? byName.get(name).getI() : dflt;
  }

  /** @return the FLOAT attribute, or {@code dflt} */
  public float getFloat(String name, float dflt) {
    return has(name) ? byName.get(name).getF() : dflt;
  }

  /** @return the STRING attribute, or {@code dflt} */
  public String getString(String name, String dflt) {
    return has(name) ? byName.get(name).getS().toStringUtf8() : dflt;
  }

  /** @return the INTS attribute, or null */
  public long[] getInts(String name) {
    return has(name)
        ? byName.get(name).getIntsList().stream().mapToLong(Long::longValue).toArray() : null;
  }

  /** @return the FLOATS attribute, or an empty list */
  public List<Float> getFloats(String name) {
    return has(name) ? byName.get(name).getFloatsList() : List.of();
  }

  /** @return the STRINGS attribute, or an empty list */
  public List<String> getStrings(String name) {
    return has(name)
        ? byName.get(name).getStringsList().stream().map(s -> s.toStringUtf8()).toList()
        : List.of();
  }

  /** @return the attributes of an LSTM, GRU or RNN node */
  public RecurrentAttributes recurrent() {
    return RecurrentAttributes.hidden((int) getInt("hidden_size", 0))
        .withDirection(Direction.parse(getString("direction", "forward")))
        .withActivations(getStrings("activations").toArray(String[]::new))
        .withAlphaBeta(getFloats("activation_alpha"), getFloats("activation_beta"))
        .withClip(has("clip") ? getFloat("clip", 0) : null)
        .withLayout((int) getInt("layout", 0))
        .withInputForget(getInt("input_forget", 0) != 0)
        .withLinearBeforeReset(getInt("linear_before_reset", 0) != 0);
  }
}
