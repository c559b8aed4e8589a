package dev.rnnx.flink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the step operator batches and keeps state. Immutable; each {@code with} method returns a
 * changed copy.
 */
public final class RecurrentStepConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxBatchFrames;
  private final Duration maxBatchDelay;
  private final Duration idleTimeout; // null: state kept until the key is stepped no more
  private final boolean emitStates;

  private RecurrentStepConfig(int maxBatchFrames, Duration maxBatchDelay, Duration idleTimeout,
      boolean emitStates) {
    if (maxBatchFrames < 1) {
      throw new IllegalArgumentException("maxBatchFrames must be at least 1, got "
          + maxBatchFrames);
    }
    if (maxBatchDelay.isNegative()) {
      throw new IllegalArgumentException("maxBatchDelay must not be negative, got "
          + maxBatchDelay);
    }
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    this.maxBatchFrames = maxBatchFrames;
    this.maxBatchDelay = maxBatchDelay;
    this.idleTimeout = idleTimeout;
    this.emitStates = emitStates;
  }

  /**
   * @return batches of at most 256 frames held at most 5 ms, state kept while the job runs,
   *     states not emitted
   */
  public static RecurrentStepConfig defaults() {
    return new RecurrentStepConfig(256, Duration.ofMillis(5), null, false);
  }

  /**
   * @param frames the most frames one backend call steps; a full batch is stepped at once
   * @return a copy with that bound
   */
  public RecurrentStepConfig withMaxBatchFrames(int frames) {
    return new RecurrentStepConfig(frames, maxBatchDelay, idleTimeout, emitStates);
  }

  /**
   * @param delay the longest a frame waits for others to share its backend call (processing
   *     time); zero steps every frame as it comes
   * @return a copy with that bound
   */
  public RecurrentStepConfig withMaxBatchDelay(Duration delay) {
    return new RecurrentStepConfig(maxBatchFrames, Objects.requireNonNull(delay), idleTimeout,
        emitStates);
  }

  /**
   * @param timeout how long a key may go without a stepped frame before its state is cleared
   *     (Flink state TTL, processing time); its next frame starts from the model's initial
   *     state at step 0
   * @return a copy with that timeout
   */
  public RecurrentStepConfig withIdleTimeout(Duration timeout) {
    return new RecurrentStepConfig(maxBatchFrames, maxBatchDelay, Objects.requireNonNull(timeout),
        emitStates);
  }

  /**
   * @param emit whether each {@link StepOutput} carries the state after its step
   * @return a copy with that choice
   */
  public RecurrentStepConfig withEmitStates(boolean emit) {
    return new RecurrentStepConfig(maxBatchFrames, maxBatchDelay, idleTimeout, emit);
  }

  /** @return the most frames one backend call steps */
  public int maxBatchFrames() {
    return maxBatchFrames;
  }

  /** @return the longest a frame waits to be stepped */
  public Duration maxBatchDelay() {
    return maxBatchDelay;
  }

  /** @return the idle time after which a key's state is cleared, or null for never */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return whether outputs carry the state after their step */
  public boolean emitStates() {
    return emitStates;
  }
}
