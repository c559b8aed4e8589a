package dev.rnnx.vad;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Silero VAD stepped frame by frame exactly as Silero's reference wrapper ({@code OnnxWrapper}
 * in {@code utils_vad.py}) steps it: {@code sr} is bound as a session constant, the session
 * carries the recurrent state ({@code h}/{@code c} for v4, {@code state} for v5 and v6), the
 * audio is cut into frames of 512 samples at 16 kHz or 256 at 8 kHz, the last one padded with
 * zeros, and for v5 and v6 each frame is preceded by the last 64 (16 kHz) or 32 (8 kHz)
 * samples of the previous frame, zeros before the first. Holds native resources: close it.
 */
public final class SileroVad implements AutoCloseable {
  /** The model generations, told apart by their inputs. */
  public enum Version {
    /** Silero VAD v4 ("legacy"): inputs input, sr, h, c; outputs output, hn, cn; no context. */
    V4,
    /** Silero VAD v5 and v6: inputs input, state, sr; outputs output, stateN; with context. */
    V5
  }

  /** The sample rates the models take. */
  public static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000);

  private final StepSession session;
  private final int frameSamples;
  private final int contextSamples;
  private final int sampleRate;
  private final float[] input; // context followed by the frame: the model input, reused

  /**
   * Opens a session on the model.
   *
   * @param model a Silero VAD model
   * @param sampleRate 8000 or 16000
   * @param options backend and threads; {@code sr} is bound here
   * @throws RnnxException UNSUPPORTED when the model is no Silero VAD model, INVALID_ARGUMENT
   *     for another sample rate
   */
  public SileroVad(Model model, int sampleRate, StepOptions options) {
    if (!SAMPLE_RATES.contains(sampleRate)) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Silero VAD runs at 8000 or 16000 Hz,"
          + " not " + sampleRate + " Hz");
    }
    this.sampleRate = sampleRate;
    this.frameSamples = frameSamples(sampleRate);
    this.contextSamples = version(model) == Version.V5 ? contextSamples(sampleRate) : 0;
    this.input = new float[contextSamples + frameSamples];
    this.session = model.newStepSession(options.constant("sr", Tensor.scalar((long) sampleRate)));
  }

  /**
   * @param model a model
   * @return its generation, from its inputs
   * @throws RnnxException UNSUPPORTED when the inputs are not those of a Silero VAD model
   */
  public static Version version(Model model) {
    Set<String> names = model.inputs().stream().map(TensorSpec::name)
        .collect(Collectors.toSet());
    if (names.equals(Set.of("input", "sr", "h", "c"))) {
      return Version.V4;
    }
    if (names.equals(Set.of("input", "sr", "state"))) {
      return Version.V5;
    }
    throw new RnnxException(ErrorCode.UNSUPPORTED, "not a Silero VAD model: its inputs are "
        + names.stream().sorted().toList() + ", expected input, sr, h, c (v4) or input, sr,"
        + " state (v5, v6)");
  }

  /**
   * @param sampleRate 8000 or 16000
   * @return the samples of one frame at that rate: 512 at 16 kHz, 256 at 8 kHz
   */
  public static int frameSamples(int sampleRate) {
    return sampleRate == 16000 ? 512 : 256;
  }

  /**
   * @param sampleRate 8000 or 16000
   * @return the context v5 and v6 take before each frame: 64 samples at 16 kHz, 32 at 8 kHz
   */
  public static int contextSamples(int sampleRate) {
    return sampleRate == 16000 ? 64 : 32;
  }

  /**
   * Runs the whole audio from the initial state.
   *
   * @param samples mono samples at this detector's rate
   * @return the speech probability of each frame, {@code ceil(n / frameSamples)} of them
   */
  public float[] probabilities(float[] samples) {
    reset();
    int frames = (samples.length + frameSamples - 1) / frameSamples;
    float[] probs = new float[frames];
    float[] frame = new float[frameSamples];
    for (int i = 0; i < frames; i++) {
      int start = i * frameSamples;
      int n = Math.min(frameSamples, samples.length - start);
      System.arraycopy(samples, start, frame, 0, n);
      java.util.Arrays.fill(frame, n, frameSamples, 0f);
      probs[i] = step(frame);
    }
    return probs;
  }

  /**
   * Steps one frame.
   *
   * @param frame {@link #frameSamples()} samples
   * @return its speech probability
   */
  public float step(float[] frame) {
    if (frame.length != frameSamples) {
      throw new IllegalArgumentException("a frame is " + frameSamples + " samples at "
          + sampleRate + " Hz, got " + frame.length);
    }
    System.arraycopy(frame, 0, input, contextSamples, frameSamples);
    float p = session.step(Map.of("input", Tensor.of(input, 1, input.length)))
        .output("output").getFloat(0);
    // the next frame's context: the last samples of this model input
    System.arraycopy(input, input.length - contextSamples, input, 0, contextSamples);
    return p;
  }

  /** Returns to the initial state: zero recurrent state, zero context. */
  public void reset() {
    session.reset();
    java.util.Arrays.fill(input, 0f);
  }

  /** @return samples per frame */
  public int frameSamples() {
    return frameSamples;
  }

  @Override
  public void close() {
    session.close();
  }
}
