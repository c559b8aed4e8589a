package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtException;
import dev.rnnx.bench.RawSileroLoop;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.tensor.Npy;
import dev.rnnx.vad.Audio;
import dev.rnnx.vad.Resampler;
import dev.rnnx.vad.SileroModels;
import dev.rnnx.vad.SileroVad;
import dev.rnnx.vad.WavReader;
import dev.rnnx.vad.Wavs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-frame probabilities of {@code rnnx vad} equal, within 1e-4, those of a hand-written
 * ONNX Runtime loop over the unmodified model ({@code sr} fed every step, state and context
 * threaded by hand), over the whole 64 s speech test audio, for every model, on every backend
 * this build has (a backend it lacks is skipped), at 16 kHz and at 8 kHz.
 */
class VadParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final String[] BACKENDS = {"ort", "nd4j"};

  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    return Arrays.stream(SileroModels.VERSIONS).flatMap(v -> Arrays.stream(BACKENDS)
        .flatMap(b -> Stream.of(Arguments.of(v, b, 16000), Arguments.of(v, b, 8000))));
  }

  @ParameterizedTest(name = "{0} on {1} at {2} Hz")
  @MethodSource("cases")
  void probabilitiesMatchTheRawOnnxRuntimeLoop(String version, String backend, int rate)
      throws IOException, OrtException {
    Path model = SileroModels.require(version);
    assumeTrue(Arrays.stream(BackendChoice.values()).anyMatch(c -> c.cliName().equals(backend)),
        "backend " + backend + " is not in this build");
    Audio audio = Resampler.resample(WavReader.read(SileroModels.speechAudio()), rate);
    assertTrue(audio.seconds() >= 60, audio.seconds() + " s of audio");
    Path wav = tmp.resolve("audio.wav");
    Files.write(wav, Wavs.of(Wavs.FLOAT, rate, 1, audio.samples()));

    Path probsFile = tmp.resolve("p.npy");
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(new String[] {"vad", wav.toString(), "--model",
        model.toString(), "--backend", backend, "--probabilities", probsFile.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    float[] rnnx = Npy.read(probsFile).toFloatArray();

    float[] raw = rawLoop(Files.readAllBytes(model), audio);
    assertEquals(raw.length, rnnx.length);
    assertTrue(range(raw)[0] < 0.1 && range(raw)[1] > 0.9, "the raw loop found no speech or"
        + " no silence: " + Arrays.toString(range(raw)));
    double max = 0;
    for (int i = 0; i < raw.length; i++) {
      max = Math.max(max, Math.abs(raw[i] - rnnx[i]));
    }
    System.out.printf("parity %s %s %d Hz: %d frames, %.1f s, max |difference| %.3g%n", version,
        backend, rate, raw.length, audio.seconds(), max);
    assertTrue(max <= TOLERANCE, "max difference " + max);
  }

  private static double[] range(float[] values) {
    double min = 1;
    double max = 0;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {min, max};
  }

  /** Cuts the audio into zero-padded frames and steps them through the raw loop. */
  private static float[] rawLoop(byte[] model, Audio audio) throws OrtException {
    SileroVad.Version version = SileroVad.version(Model.load(model));
    int n = SileroVad.frameSamples(audio.sampleRate());
    float[] s = audio.samples();
    float[] probs = new float[(s.length + n - 1) / n];
    try (RawSileroLoop loop = new RawSileroLoop(model, version, audio.sampleRate(), 1)) {
      for (int i = 0; i < probs.length; i++) {
        probs[i] = loop.step(Arrays.copyOfRange(s, i * n, i * n + n));
      }
    }
    return probs;
  }
}
