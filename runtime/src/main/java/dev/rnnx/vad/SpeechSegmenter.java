package dev.rnnx.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-frame speech probabilities into speech segments with the hysteresis of Silero's
 * {@code get_speech_timestamps}: speech starts at the first frame whose probability reaches
 * the threshold, and ends where the probability first fell below {@code max(threshold - 0.15,
 * 0.01)} once it has stayed below for the minimum silence; segments no longer than the minimum
 * speech are dropped; then each segment is widened by the speech pad on both sides (the two
 * sides of a gap shorter than two pads meet in its middle). Silero's optional maximum speech
 * duration (unbounded by default) is not applied.
 */
public final class SpeechSegmenter {
  /**
   * The segmentation settings.
   *
   * @param threshold speech starts at a probability at or above this
   * @param minSpeechMs segments this long or shorter are dropped
   * @param minSilenceMs speech ends after this long below {@code threshold - 0.15}
   * @param speechPadMs each segment is widened by this on either side
   */
  public record Settings(double threshold, int minSpeechMs, int minSilenceMs, int speechPadMs) {
    /** Silero's defaults: threshold 0.5, min speech 250 ms, min silence 100 ms, pad 30 ms. */
    public static final Settings DEFAULTS = new Settings(0.5, 250, 100, 30);

    /** Checks the ranges. */
    public Settings {
      if (!(threshold > 0 && threshold < 1)) {
        throw new IllegalArgumentException("threshold must lie strictly between 0 and 1, got "
            + threshold);
      }
      if (minSpeechMs < 0 || minSilenceMs < 0 || speechPadMs < 0) {
        throw new IllegalArgumentException("durations must not be negative: min speech "
            + minSpeechMs + " ms, min silence " + minSilenceMs + " ms, speech pad "
            + speechPadMs + " ms");
      }
    }

    /** @return where speech ends: {@code max(threshold - 0.15, 0.01)} */
    public double negativeThreshold() {
      return Math.max(threshold - 0.15, 0.01);
    }
  }

  private SpeechSegmenter() {}

  /**
   * @param probabilities the speech probability of each frame
   * @param frameSamples samples per frame
   * @param totalSamples samples in the audio (the last frame may be partial)
   * @param sampleRate samples per second
   * @param settings thresholds and durations
   * @return the speech segments in order, in samples
   */
  public static List<SpeechSegment> segments(float[] probabilities, int frameSamples,
      long totalSamples, int sampleRate, Settings settings) {
    double minSpeech = sampleRate * settings.minSpeechMs() / 1000.0;
    double minSilence = sampleRate * settings.minSilenceMs() / 1000.0;
    double negative = settings.negativeThreshold();
    List<long[]> speech = new ArrayList<>();
    long start = -1; // start of the segment in progress; -1 when none
    long tentativeEnd = -1; // where the probability first fell below negative; -1 when not
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      long at = (long) frameSamples * i;
      if (p >= settings.threshold()) {
        tentativeEnd = -1;
        if (start < 0) {
          start = at;
        }
      } else if (p < negative && start >= 0) {
        if (tentativeEnd < 0) {
          tentativeEnd = at;
        }
        if (at - tentativeEnd >= minSilence) {
          if (tentativeEnd - start > minSpeech) {
            speech.add(new long[] {start, tentativeEnd});
          }
          start = -1;
          tentativeEnd = -1;
        }
      }
    }
    if (start >= 0 && totalSamples - start > minSpeech) {
      speech.add(new long[] {start, totalSamples});
    }
    return pad(speech, totalSamples, sampleRate * settings.speechPadMs() / 1000);
  }

  private static List<SpeechSegment> pad(List<long[]> speech, long totalSamples, long pad) {
    for (int i = 0; i < speech.size(); i++) {
      long[] s = speech.get(i);
      if (i == 0) {
        s[0] = Math.max(0, s[0] - pad);
      }
      if (i == speech.size() - 1) {
        s[1] = Math.min(totalSamples, s[1] + pad);
      } else {
        long[] next = speech.get(i + 1);
        long gap = next[0] - s[1];
        if (gap < 2 * pad) {
          s[1] += gap / 2;
          next[0] = Math.max(0, next[0] - gap / 2);
        } else {
          s[1] = Math.min(totalSamples, s[1] + pad);
          next[0] = Math.max(0, next[0] - pad);
        }
      }
    }
    return speech.stream().map(s -> new SpeechSegment(s[0], s[1])).toList();
  }
}
