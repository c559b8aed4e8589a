package dev.rnnx.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: a hand-written loop over ONNX Runtime's Java API that threads the state
 * tensors itself, as an application without RNNX would: per step, wrap the frame and the
 * state, run, copy the next state out, close everything. Constant inputs (a sample rate, say)
 * are wrapped once and fed unchanged at every step.
 */
public final class RawOrtLoop implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final Map<String, String> pairs; // state input -> next-state output
  private final Map<String, long[]> stateShapes;
  private final Map<String, float[]> state = new HashMap<>();
  private final Map<String, OnnxTensor> constants = new HashMap<>();

  /**
   * @param modelBytes the ONNX model
   * @param pairs state input to next-state output
   * @param stateShapes each state input's shape
   * @param threads intra-op threads
   * @throws OrtException when ONNX Runtime refuses the model
   */
  public RawOrtLoop(byte[] modelBytes, Map<String, String> pairs, Map<String, long[]> stateShapes,
      int threads) throws OrtException {
    this(modelBytes, pairs, stateShapes, Map.of(), threads);
  }

  /**
   * @param modelBytes the ONNX model
   * @param pairs state input to next-state output
   * @param stateShapes each state input's shape
   * @param int64Scalars int64 scalar inputs fed with the same value at every step, e.g.
   *     {@code sr}
   * @param threads intra-op threads
   * @throws OrtException when ONNX Runtime refuses the model
   */
  public RawOrtLoop(byte[] modelBytes, Map<String, String> pairs, Map<String, long[]> stateShapes,
      Map<String, Long> int64Scalars, int threads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      this.session = env.createSession(modelBytes, options);
    }
    for (Map.Entry<String, Long> c : int64Scalars.entrySet()) {
      constants.put(c.getKey(), OnnxTensor.createTensor(env,
          LongBuffer.wrap(new long[] {c.getValue()}), new long[0]));
    }
    this.pairs = pairs;
    this.stateShapes = stateShapes;
    stateShapes.forEach((name, shape) -> state.put(name, new float[size(shape)]));
  }

  private static int size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  /**
   * One step.
   *
   * @param frameName the frame input
   * @param frame its values
   * @param frameShape its shape
   * @param output the output to return
   * @return that output's values
   * @throws OrtException when the run fails
   */
  public float[] step(String frameName, float[] frame, long[] frameShape, String output)
      throws OrtException {
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try {
      feeds.put(frameName, OnnxTensor.createTensor(env, FloatBuffer.wrap(frame), frameShape));
      for (Map.Entry<String, float[]> e : state.entrySet()) {
        feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
            stateShapes.get(e.getKey())));
      }
      Map<String, OnnxTensor> all = new HashMap<>(feeds);
      all.putAll(constants);
      try (OrtSession.Result result = session.run(all)) {
        for (Map.Entry<String, String> p : pairs.entrySet()) {
          OnnxTensor next = (OnnxTensor) result.get(p.getValue()).orElseThrow();
          next.getFloatBuffer().get(state.get(p.getKey()));
        }
        OnnxTensor out = (OnnxTensor) result.get(output).orElseThrow();
        FloatBuffer b = out.getFloatBuffer();
        float[] values = new float[b.remaining()];
        b.get(values);
        return values;
      }
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  /** @return the state input names */
  public List<String> stateInputs() {
    return List.copyOf(state.keySet());
  }

  @Override
  public void close() throws OrtException {
    constants.values().forEach(OnnxTensor::close);
    session.close();
  }
}
