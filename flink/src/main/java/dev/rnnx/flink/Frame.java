package dev.rnnx.flink;

import dev.rnnx.flink.serde.FrameTypeInfoFactory;
import dev.rnnx.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One step of one stream: the stream's key and the named input tensors of that step. Flink
 * serializes it with {@link dev.rnnx.flink.serde.FrameSerializer}, never Kryo.
 *
 * @param key the stream's key
 * @param inputs a tensor for every frame input of the model, by input name
 */
@TypeInfo(FrameTypeInfoFactory.class)
public record Frame(String key, Map<String, Tensor> inputs) {
  /** Copies the inputs, keeping their order. */
  public Frame {
    Objects.requireNonNull(key, "key");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /**
   * A frame of a model with a single frame input.
   *
   * @param key the stream's key
   * @param input the input's name
   * @param value its tensor for this step
   * @return the frame
   */
  public static Frame of(String key, String input, Tensor value) {
    return new Frame(key, Map.of(input, value));
  }
}
