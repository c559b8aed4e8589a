package dev.rnnx.vad;

/**
 * Mono audio: samples in [-1, 1] and their rate.
 *
 * @param samples the samples (not copied)
 * @param sampleRate samples per second
 */
public record Audio(float[] samples, int sampleRate) {
  /** @return the length in seconds */
  public double seconds() {
    return (double) samples.length / sampleRate;
  }
}
