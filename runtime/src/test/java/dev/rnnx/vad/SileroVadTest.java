package dev.rnnx.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.bench.BenchModels;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import org.junit.jupiter.api.Test;

/** Version detection, frame sizes and what the detector refuses. */
class SileroVadTest {
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  @Test
  void tellsTheVersionsApartByTheirInputs() {
    assertEquals(SileroVad.Version.V4, SileroVad.version(Model.load(SileroModels.require("legacy"))));
    assertEquals(SileroVad.Version.V5, SileroVad.version(Model.load(SileroModels.require("v5"))));
    assertEquals(SileroVad.Version.V5, SileroVad.version(Model.load(SileroModels.require("v6"))));
  }

  @Test
  void refusesOtherModelsNamingTheirInputs() {
    Model lstm = Model.of(BenchModels.lstmCell(4, 8, 1));
    RnnxException e = assertThrows(RnnxException.class, () -> SileroVad.version(lstm));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code());
    assertEquals("not a Silero VAD model: its inputs are [c, h, x], expected input, sr, h, c (v4)"
        + " or input, sr, state (v5, v6)", e.getMessage());
  }

  @Test
  void framesAndContextFollowTheRate() {
    assertEquals(512, SileroVad.frameSamples(16000));
    assertEquals(256, SileroVad.frameSamples(8000));
    assertEquals(64, SileroVad.contextSamples(16000));
    assertEquals(32, SileroVad.contextSamples(8000));
  }

  @Test
  void refusesOtherRatesAndFrameSizes() {
    Model v5 = Model.load(SileroModels.require("v5"));
    RnnxException e = assertThrows(RnnxException.class, () -> new SileroVad(v5, 44100, ORT));
    assertEquals("Silero VAD runs at 8000 or 16000 Hz, not 44100 Hz", e.getMessage());
    try (SileroVad vad = new SileroVad(v5, 8000, ORT)) {
      assertEquals(256, vad.frameSamples());
      assertEquals("a frame is 256 samples at 8000 Hz, got 512", assertThrows(
          IllegalArgumentException.class, () -> vad.step(new float[512])).getMessage());
    }
  }

  @Test
  void resetMakesARunRepeatable() {
    float[] audio = WavReader.read(SileroModels.speechAudio()).samples();
    float[] head = java.util.Arrays.copyOf(audio, 16000 * 5);
    try (SileroVad vad = new SileroVad(Model.load(SileroModels.require("v5")), 16000, ORT)) {
      float[] first = vad.probabilities(head);
      assertEquals((head.length + 511) / 512, first.length);
      vad.step(new float[512]); // leaves state and context changed
      org.junit.jupiter.api.Assertions.assertArrayEquals(first, vad.probabilities(head));
    }
  }
}
