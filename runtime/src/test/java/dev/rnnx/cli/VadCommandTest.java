package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.vad.Audio;
import dev.rnnx.vad.Resampler;
import dev.rnnx.vad.SileroModels;
import dev.rnnx.vad.WavReader;
import dev.rnnx.vad.Wavs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rnnx vad} end to end on the speech test audio, and its one-line errors. */
class VadCommandTest {
  /** Detected speech may run this far into a neighbouring gap (hysteresis, padding). */
  private static final double EDGE_SECONDS = 0.5;

  @TempDir Path tmp;

  private record Result(int status, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(status, out.toString(), err.toString());
  }

  private static List<double[]> segments(String out) {
    List<double[]> segs = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      assertTrue(line.matches("\\d+\\.\\d{3} \\d+\\.\\d{3}"), "segment line '" + line + "'");
      String[] parts = line.split(" ");
      segs.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
    }
    return segs;
  }

  private static double overlap(double a0, double a1, List<double[]> segs) {
    double total = 0;
    for (double[] s : segs) {
      total += Math.max(0, Math.min(a1, s[1]) - Math.max(a0, s[0]));
    }
    return total;
  }

  /** Each spoken sentence is covered; no silence or noise stretch is, but near its edges. */
  private static void assertFindsTheSpeech(List<double[]> segs, double seconds)
      throws IOException {
    double[][] speech = SileroModels.speechTimes();
    double gapStart = 0;
    for (int i = 0; i <= speech.length; i++) {
      double gapEnd = i < speech.length ? speech[i][0] : seconds;
      double inGap = overlap(gapStart + EDGE_SECONDS, gapEnd - EDGE_SECONDS, segs);
      assertEquals(0, inGap, 1e-9, String.format("speech detected in the gap %.3f-%.3f",
          gapStart, gapEnd));
      if (i < speech.length) {
        double[] s = speech[i];
        double covered = overlap(s[0], s[1], segs) / (s[1] - s[0]);
        assertTrue(covered >= 0.9, String.format("sentence %.3f-%.3f only %.0f %% covered",
            s[0], s[1], 100 * covered));
        gapStart = s[1];
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"legacy", "v5", "v6"})
  void findsTheSpokenPartsAndNoneOfTheSilentOnes(String version) throws IOException {
    Path model = SileroModels.require(version);
    Path probs = tmp.resolve("p.npy");
    Result r = cli("vad", SileroModels.speechAudio().toString(), "--model", model.toString(),
        "--backend", "ort", "--probabilities", probs.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    Audio audio = WavReader.read(SileroModels.speechAudio());
    assertFindsTheSpeech(segments(r.out()), audio.seconds());
    Tensor p = Npy.read(probs);
    assertEquals(1, p.rank());
    assertEquals((audio.samples().length + 511) / 512, p.dim(0));
  }

  @Test
  void stereoFloatAt44100HzIsMixedAndResampled() throws IOException {
    Path model = SileroModels.require("v5");
    Audio mono = WavReader.read(SileroModels.speechAudio());
    Audio at44 = Resampler.resample(mono, 44100);
    Path wav = tmp.resolve("stereo44.wav");
    Files.write(wav, stereoFloatWav(at44));
    Result r = cli("vad", wav.toString(), "--model", model.toString(), "--backend", "ort");
    assertEquals(0, r.status(), r.err());
    assertFindsTheSpeech(segments(r.out()), mono.seconds());
  }

  @Test
  void plotsWaveformProbabilityThresholdAndSegments() throws IOException {
    Path model = SileroModels.require("v5");
    Path png = tmp.resolve("vad.png");
    Result r = cli("vad", SileroModels.speechAudio().toString(), "--model", model.toString(),
        "--backend", "ort", "--plot", png.toString());
    assertEquals(0, r.status(), r.err());
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1600, image.getWidth());
    assertEquals(500, image.getHeight());
    // the probability line (blue), the threshold (red) and the shaded segments (light green)
    assertTrue(count(image, 31, 119, 180) > 1000, "probability line");
    assertTrue(count(image, 214, 39, 40) > 100, "threshold line");
    assertTrue(count(image, 209, 236, 214) > 10000, "shaded segments");
  }

  /** Pixels within a small distance of the colour. */
  private static int count(BufferedImage image, int r, int g, int b) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int dr = ((rgb >> 16) & 255) - r;
        int dg = ((rgb >> 8) & 255) - g;
        int db = (rgb & 255) - b;
        if (dr * dr + dg * dg + db * db < 300) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void benchVadReportsLatencyAndRealTimeFactorAgainstTheRawLoop() {
    Path model = SileroModels.require("v5");
    Result r = cli("bench", "vad", "--model", model.toString(), "--backend", "ort",
        "--rounds", "1");
    assertEquals(0, r.status(), r.err());
    String figures = " median \\d+\\.\\d us/step, p99 \\d+\\.\\d us, real-time factor"
        + " \\d\\.\\d{4}";
    assertTrue(r.out().lines().anyMatch(l -> l.matches("raw ONNX Runtime loop:" + figures)),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("rnnx vad, ort: +" + figures
        + " \\(\\d+\\.\\d\\dx the raw loop's median; target <= 1.10x\\)")), r.out());
  }

  @Test
  void errorsAreOneLine() throws IOException {
    Path model = SileroModels.require("v5");
    Path notWav = tmp.resolve("x.wav");
    Files.writeString(notWav, "hello");
    assertOneLineError("rnnx: error: " + notWav + ": not a WAV file (no RIFF/WAVE header)",
        cli("vad", notWav.toString(), "--model", model.toString()));
    Path empty = tmp.resolve("empty.wav");
    Files.write(empty, stereoFloatWav(new Audio(new float[0], 16000)));
    assertOneLineError("rnnx: error: " + empty + " holds no samples",
        cli("vad", empty.toString(), "--model", model.toString()));
    assertOneLineError("rnnx: error: threshold must lie strictly between 0 and 1, got 1.5",
        cli("vad", notWav.toString(), "--threshold", "1.5"));
    assertOneLineError("rnnx: error: unknown backend 'gpu' (valid: ",
        cli("vad", notWav.toString(), "--backend", "gpu"));
    Path lstm = tmp.resolve("lstm.onnx");
    dev.rnnx.converter.onnx.OnnxWriter.write(dev.rnnx.bench.BenchModels.lstmCell(4, 8, 1), lstm);
    assertOneLineError("rnnx: error: not a Silero VAD model: its inputs are [c, h, x]",
        cli("vad", SileroModels.speechAudio().toString(), "--model", lstm.toString()));
  }

  @Test
  void theDefaultsAreFoundInTheSourceTreeOrExplained() {
    assertEquals(SileroModels.speechAudio(), SourceTreeFiles.find(SourceTreeFiles.TEST_AUDIO)
        .orElseThrow().toAbsolutePath().normalize());
    RnnxException e = org.junit.jupiter.api.Assertions.assertThrows(RnnxException.class,
        () -> SourceTreeFiles.orDefault(null, "testdata/models/pretrained/none.onnx", "--model",
            "fetch it with testdata/fetch-models.sh or pass --model PATH"));
    assertEquals("no --model given and the default, testdata/models/pretrained/none.onnx, is"
        + " not there; fetch it with testdata/fetch-models.sh or pass --model PATH",
        e.getMessage());
    Path given = Path.of("my.onnx");
    assertEquals(given, SourceTreeFiles.orDefault(given, "none", "--model", ""));
  }

  private static void assertOneLineError(String prefix, Result r) {
    assertEquals(1, r.status(), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(prefix), r.err());
  }

  /** A float32 stereo WAV whose two channels average to the audio. */
  private static byte[] stereoFloatWav(Audio a) {
    float[] interleaved = new float[2 * a.samples().length];
    for (int i = 0; i < a.samples().length; i++) {
      interleaved[2 * i] = a.samples()[i] * 1.2f;
      interleaved[2 * i + 1] = a.samples()[i] * 0.8f;
    }
    return Wavs.of(Wavs.FLOAT, a.sampleRate(), 2, interleaved);
  }
}
