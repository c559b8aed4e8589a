package dev.rnnx.flink;

import dev.rnnx.flink.serde.RejectedFrameTypeInfoFactory;
import dev.rnnx.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A frame the model refused (unknown or missing input name, wrong element type or shape), with
 * the reason. It was not stepped and its stream's state was left as it was.
 *
 * @param key the stream's key
 * @param inputs the frame's tensors by input name
 * @param reason why the model refused it
 */
@TypeInfo(RejectedFrameTypeInfoFactory.class)
public record RejectedFrame(String key, Map<String, Tensor> inputs, String reason) {
  /** Copies the inputs, keeping their order. */
  public RejectedFrame {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** @return the frame's inputs described, e.g. {@code X=float[1, 1, 5]} */
  public String describeInputs() {
    StringBuilder s = new StringBuilder();
    inputs.forEach((name, t) -> s.append(s.isEmpty() ? "" : ", ").append(name).append('=')
        .append(t.describe()));
    return s.toString();
  }
}
