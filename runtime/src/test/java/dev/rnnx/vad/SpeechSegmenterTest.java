package dev.rnnx.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.vad.SpeechSegmenter.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis on hand-made probability sequences. Frames of 100 samples at 1000 Hz (100 ms a
 * frame) keep the arithmetic readable; the defaults then mean min speech 250 samples, min
 * silence 100, pad 30.
 */
class SpeechSegmenterTest {
  private static final int FRAME = 100;
  private static final int RATE = 1000;

  private static List<SpeechSegment> segments(Settings settings, double... probs) {
    float[] p = new float[probs.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) probs[i];
    }
    return SpeechSegmenter.segments(p, FRAME, (long) probs.length * FRAME, RATE, settings);
  }

  private static List<SpeechSegment> segments(double... probs) {
    return segments(Settings.DEFAULTS, probs);
  }

  private static SpeechSegment seg(long start, long end) {
    return new SpeechSegment(start, end);
  }

  @Test
  void speechStartsAtTheThresholdAndEndsWhereItFirstFellBelowTheLowerOne() {
    // speech frames 2..5; frame 6 falls below 0.35; after min silence (100) it ends at 600
    assertEquals(List.of(seg(170, 630)),
        segments(0.1, 0.2, 0.5, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1));
  }

  @Test
  void probabilitiesBetweenTheTwoThresholdsKeepSpeechGoing() {
    assertEquals(List.of(seg(70, 830)),
        segments(0.0, 0.9, 0.4, 0.4, 0.36, 0.4, 0.45, 0.9, 0.2, 0.2, 0.2));
  }

  @Test
  void aDipShorterThanTheMinimumSilenceDoesNotSplit() {
    Settings longSilence = new Settings(0.5, 250, 300, 0);
    // below from frame 4 to 5 (200 samples < 300), back above at frame 6
    assertEquals(List.of(seg(100, 900)),
        segments(longSilence, 0, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.9, 0, 0, 0, 0, 0));
  }

  @Test
  void aLongerDipSplits() {
    Settings s = new Settings(0.5, 250, 100, 0);
    assertEquals(List.of(seg(100, 400), seg(600, 900)),
        segments(s, 0, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.9, 0, 0, 0));
  }

  @Test
  void segmentsNoLongerThanTheMinimumSpeechAreDropped() {
    Settings s = new Settings(0.5, 300, 100, 0);
    // 300 samples long: not longer than 300, dropped; 400 kept
    assertEquals(List.of(seg(800, 1200)),
        segments(s, 0, 0.9, 0.9, 0.9, 0, 0, 0, 0, 0.9, 0.9, 0.9, 0.9, 0, 0, 0));
  }

  @Test
  void speechRunningToTheEndEndsWithTheAudio() {
    // 8 frames but only 750 samples: the last frame is partial
    float[] p = {0f, 0f, 0f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f};
    assertEquals(List.of(seg(270, 750)),
        SpeechSegmenter.segments(p, FRAME, 750, RATE, Settings.DEFAULTS));
    // too short at the end: dropped
    float[] q = {0f, 0f, 0f, 0f, 0f, 0f, 0.9f, 0.9f};
    assertEquals(List.of(), SpeechSegmenter.segments(q, FRAME, 750, RATE, Settings.DEFAULTS));
  }

  @Test
  void padsMeetInTheMiddleOfShortGaps() {
    Settings s = new Settings(0.5, 150, 100, 150);
    // speech 100..300 and 500..700: the 200-sample gap is under two pads, so both sides meet
    // at 400; the first starts one pad earlier (clamped at 0), the last ends one pad later
    assertEquals(List.of(seg(0, 400), seg(400, 850)),
        segments(s, 0, 0.9, 0.9, 0, 0, 0.9, 0.9, 0, 0, 0, 0));
  }

  @Test
  void nothingAboveTheThresholdIsNoSpeech() {
    assertEquals(List.of(), segments(0.49, 0.3, 0.49, 0.1));
    assertEquals(List.of(), segments());
  }

  @Test
  void theLowerThresholdIsFifteenHundredthsBelowButAtLeastOneHundredth() {
    assertEquals(0.35, Settings.DEFAULTS.negativeThreshold(), 1e-12);
    assertEquals(0.01, new Settings(0.1, 0, 0, 0).negativeThreshold(), 1e-12);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertEquals("threshold must lie strictly between 0 and 1, got 1.0",
        assertThrows(IllegalArgumentException.class, () -> new Settings(1, 0, 0, 0))
            .getMessage());
    assertEquals("durations must not be negative: min speech 0 ms, min silence -1 ms, speech"
        + " pad 0 ms", assertThrows(IllegalArgumentException.class,
            () -> new Settings(0.5, 0, -1, 0)).getMessage());
  }

  @Test
  void segmentsPrintInSecondsWithThreeDecimals() {
    assertEquals("1.250 2.000", seg(20000, 32000).format(16000));
  }
}
