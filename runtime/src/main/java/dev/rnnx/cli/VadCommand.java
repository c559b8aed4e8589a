package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.vad.Audio;
import dev.rnnx.vad.Resampler;
import dev.rnnx.vad.SileroVad;
import dev.rnnx.vad.SpeechSegment;
import dev.rnnx.vad.SpeechSegmenter;
import dev.rnnx.vad.VadPlot;
import dev.rnnx.vad.WavReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnx vad}: Silero VAD over a WAV file, one line per speech segment. */
@Command(name = "vad", mixinStandardHelpOptions = true,
    description = {"Runs Silero VAD (v4, v5 or v6, told apart by their inputs) over FILE.wav"
        + " frame by frame, as Silero's reference wrapper does, and prints one line per speech"
        + " segment: start and end in seconds.",
        "FILE.wav: PCM 16-bit or IEEE float 32-bit, any channels (averaged to mono); 8 or 16 kHz"
        + " as is, any other rate resampled to 16 kHz by windowed-sinc interpolation."})
final class VadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.wav", description = "The audio.")
  Path wav;

  @Option(names = "--model", paramLabel = "PATH",
      description = "A Silero VAD .onnx model (default: " + SourceTreeFiles.SILERO_V5
          + ", fetched by testdata/fetch-models.sh).")
  Path model;

  @Mixin
  BackendOption backend;

  @Option(names = "--threads", defaultValue = "1",
      description = "Intra-op threads; 0 for the backend's default (default: ${DEFAULT-VALUE}:"
          + " one step of this small model is too short to share out).")
  int threads;

  @Option(names = "--threshold", defaultValue = "0.5",
      description = "Speech starts at this probability; it ends below max(threshold - 0.15,"
          + " 0.01) (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--min-speech-ms", defaultValue = "250",
      description = "Segments this long or shorter are dropped (default: ${DEFAULT-VALUE}).")
  int minSpeechMs;

  @Option(names = "--min-silence-ms", defaultValue = "100",
      description = "Speech ends after this much silence (default: ${DEFAULT-VALUE}).")
  int minSilenceMs;

  @Option(names = "--speech-pad-ms", defaultValue = "30",
      description = "Segments are widened by this on each side (default: ${DEFAULT-VALUE}).")
  int speechPadMs;

  @Option(names = "--probabilities", paramLabel = "OUT.npy",
      description = "Write the speech probability of every frame (float32 [frames]).")
  Path probabilitiesFile;

  @Option(names = "--plot", paramLabel = "FILE.png",
      description = "Draw waveform, probability, threshold and segments to a PNG.")
  Path plot;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    BackendChoice choice = backend.choice();
    SpeechSegmenter.Settings settings = settings();
    Path modelFile = SourceTreeFiles.orDefault(model, SourceTreeFiles.SILERO_V5, "--model",
        "fetch it with testdata/fetch-models.sh or pass --model PATH");
    Audio audio = modelRate(WavReader.read(wav));
    try (SileroVad vad = new SileroVad(Model.load(modelFile), audio.sampleRate(),
        StepOptions.defaults().backend(choice).threads(threads))) {
      float[] probs = vad.probabilities(audio.samples());
      List<SpeechSegment> segments = SpeechSegmenter.segments(probs, vad.frameSamples(),
          audio.samples().length, audio.sampleRate(), settings);
      PrintWriter out = spec.commandLine().getOut();
      segments.forEach(s -> out.println(s.format(audio.sampleRate())));
      if (probabilitiesFile != null) {
        Npy.write(Tensor.of(probs, probs.length), probabilitiesFile);
      }
      if (plot != null) {
        VadPlot.write(new VadPlot.Content(audio, probs, vad.frameSamples(), threshold, segments),
            plot);
      }
    }
    return 0;
  }

  private SpeechSegmenter.Settings settings() {
    try {
      return new SpeechSegmenter.Settings(threshold, minSpeechMs, minSilenceMs, speechPadMs);
    } catch (IllegalArgumentException e) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }

  /** 8 and 16 kHz as they are; any other rate resampled to 16 kHz. */
  private Audio modelRate(Audio audio) {
    if (audio.samples().length == 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, wav + " holds no samples");
    }
    return SileroVad.SAMPLE_RATES.contains(audio.sampleRate()) ? audio
        : Resampler.resample(audio, 16000);
  }
}
