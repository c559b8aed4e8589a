package dev.rnnx.vad;

import java.util.Locale;

/**
 * A stretch of speech.
 *
 * @param start first sample
 * @param end sample after the last
 */
public record SpeechSegment(long start, long end) {
  /**
   * @param sampleRate the rate the samples count at
   * @return {@code "START END"} in seconds with three decimals, as {@code rnnx vad} prints it
   */
  public String format(int sampleRate) {
    return String.format(Locale.ROOT, "%.3f %.3f", (double) start / sampleRate,
        (double) end / sampleRate);
  }
}
