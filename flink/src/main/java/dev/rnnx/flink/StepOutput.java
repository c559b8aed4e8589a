package dev.rnnx.flink;

import dev.rnnx.flink.serde.StepOutputTypeInfoFactory;
import dev.rnnx.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What one step of one stream produced.
 *
 * @param key the stream's key
 * @param step the step's index in its stream, from 0; a stream whose state expired starts again
 *     at 0
 * @param outputs every model output of this step by name, in model order
 * @param states the state after this step by state input name, when the operator was asked to
 *     emit states; else empty
 */
@TypeInfo(StepOutputTypeInfoFactory.class)
public record StepOutput(String key, long step, Map<String, Tensor> outputs,
    Map<String, Tensor> states) {
  /** Copies the maps, keeping their order. */
  public StepOutput {
    Objects.requireNonNull(key, "key");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }
}
