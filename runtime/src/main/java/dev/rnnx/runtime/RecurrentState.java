package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a {@link StepSession}'s hidden state: one tensor per state input,
 * and the fingerprint of the prepared model it belongs to. Serializes to a documented,
 * versioned byte format ({@link StateCodec}).
 */
public final class RecurrentState {
  private final String modelFingerprint;
  private final long steps;
  private final Map<String, Tensor> tensors;

  RecurrentState(String modelFingerprint, long steps, Map<String, Tensor> tensors) {
    this.modelFingerprint = Objects.requireNonNull(modelFingerprint);
    this.steps = steps;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** @return the state tensors by state input name */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** @return how many steps the session had taken when the snapshot was made */
  public long steps() {
    return steps;
  }

  /** @return the fingerprint of the prepared model (graph, constants, state pairs) */
  public String modelFingerprint() {
    return modelFingerprint;
  }

  /** @return the state in the versioned byte format of {@link StateCodec} */
  public byte[] toBytes() {
    return StateCodec.encode(this);
  }

  /**
   * Reads a serialized state.
   *
   * @param bytes bytes written by {@link #toBytes()}
   * @return the state
   * @throws RnnxException with code INVALID_STATE when the bytes are corrupted, truncated or of
   *     an unknown format version
   */
  public static RecurrentState fromBytes(byte[] bytes) {
    return StateCodec.decode(bytes);
  }

  /** @return the combined byte size of the state tensors' data */
  public long dataBytes() {
    return tensors.values().stream().mapToLong(t -> t.data().remaining()).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecurrentState s && s.modelFingerprint.equals(modelFingerprint)
        && s.steps == steps && s.tensors.equals(tensors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelFingerprint, steps, tensors);
  }
}
