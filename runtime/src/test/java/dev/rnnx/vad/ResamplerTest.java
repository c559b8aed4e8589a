package dev.rnnx.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Windowed-sinc resampling: tones keep their shape, what the lower rate cannot hold is removed. */
class ResamplerTest {
  private static Audio tone(double hz, int rate, double seconds) {
    float[] s = new float[(int) Math.round(rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return new Audio(s, rate);
  }

  /** Largest difference from the ideal tone, 20 ms away from either end. */
  private static double maxError(Audio a, double hz) {
    Audio ideal = tone(hz, a.sampleRate(), a.seconds());
    int margin = a.sampleRate() / 50;
    double max = 0;
    for (int i = margin; i < a.samples().length - margin; i++) {
      max = Math.max(max, Math.abs(a.samples()[i] - ideal.samples()[i]));
    }
    return max;
  }

  private static double rms(float[] s, int margin) {
    double sum = 0;
    for (int i = margin; i < s.length - margin; i++) {
      sum += s[i] * s[i];
    }
    return Math.sqrt(sum / (s.length - 2 * margin));
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"44100, 16000", "48000, 16000", "22050, 16000", "8000, 16000", "16000, 8000",
      "11025, 16000"})
  void aToneInsideBothBandsKeepsItsShape(int from, int to) {
    Audio in = tone(1000, from, 0.5);
    Audio out = Resampler.resample(in, to);
    assertEquals(to, out.sampleRate());
    assertEquals(Math.round(in.samples().length * (double) to / from), out.samples().length);
    double error = maxError(out, 1000);
    assertTrue(error < 2e-3, "max error " + error + " (amplitude 0.5)");
  }

  @Test
  void removesWhatTheLowerRateCannotHold() {
    // 10 kHz is above 16 kHz's Nyquist frequency: kept, it would alias to 6 kHz
    Audio out = Resampler.resample(tone(10000, 48000, 0.5), 16000);
    double rms = rms(out.samples(), 320);
    assertTrue(rms < 0.5 / Math.sqrt(2) * 0.01, "rms " + rms + ": not 40 dB down");
  }

  @Test
  void keepsConstantLevels() {
    float[] dc = new float[4410];
    java.util.Arrays.fill(dc, 0.25f);
    Audio out = Resampler.resample(new Audio(dc, 44100), 16000);
    for (int i = 320; i < out.samples().length - 320; i++) {
      assertEquals(0.25, out.samples()[i], 1e-4, "sample " + i);
    }
  }

  @Test
  void theSameRateIsLeftAlone() {
    Audio a = tone(440, 16000, 0.1);
    assertSame(a, Resampler.resample(a, 16000));
    assertThrows(IllegalArgumentException.class, () -> Resampler.resample(a, 0));
  }
}
