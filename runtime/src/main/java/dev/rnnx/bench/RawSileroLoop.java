package dev.rnnx.bench;

import ai.onnxruntime.OrtException;
import dev.rnnx.vad.SileroVad;
import java.util.Map;

/**
 * Silero VAD driven by hand over ONNX Runtime, as Silero's reference wrapper drives it: the
 * unmodified model, {@code sr} fed at every step, the state tensors threaded by a
 * {@link RawOrtLoop}, and for v5 and v6 the context kept by hand. The baseline that
 * {@code rnnx vad} is measured and checked against.
 */
public final class RawSileroLoop implements AutoCloseable {
  private final RawOrtLoop loop;
  private final int contextSamples;
  private final float[] input; // context, then the frame
  private final long[] inputShape;

  /**
   * @param modelBytes the model file's bytes
   * @param version the model generation
   * @param sampleRate 8000 or 16000
   * @param threads intra-op threads
   * @throws OrtException when ONNX Runtime refuses the model
   */
  public RawSileroLoop(byte[] modelBytes, SileroVad.Version version, int sampleRate,
      int threads) throws OrtException {
    boolean v4 = version == SileroVad.Version.V4;
    this.loop = v4
        ? new RawOrtLoop(modelBytes, Map.of("h", "hn", "c", "cn"),
            Map.of("h", new long[] {2, 1, 64}, "c", new long[] {2, 1, 64}),
            Map.of("sr", (long) sampleRate), threads)
        : new RawOrtLoop(modelBytes, Map.of("state", "stateN"),
            Map.of("state", new long[] {2, 1, 128}), Map.of("sr", (long) sampleRate), threads);
    this.contextSamples = v4 ? 0 : SileroVad.contextSamples(sampleRate);
    this.input = new float[contextSamples + SileroVad.frameSamples(sampleRate)];
    this.inputShape = new long[] {1, input.length};
  }

  /**
   * @param frame one frame: 512 samples at 16 kHz, 256 at 8 kHz
   * @return its speech probability
   * @throws OrtException when the run fails
   */
  public float step(float[] frame) throws OrtException {
    if (frame.length != input.length - contextSamples) {
      throw new IllegalArgumentException("a frame is " + (input.length - contextSamples)
          + " samples, got " + frame.length);
    }
    System.arraycopy(frame, 0, input, contextSamples, frame.length);
    float p = loop.step("input", input, inputShape, "output")[0];
    System.arraycopy(input, input.length - contextSamples, input, 0, contextSamples);
    return p;
  }

  @Override
  public void close() throws OrtException {
    loop.close();
  }
}
