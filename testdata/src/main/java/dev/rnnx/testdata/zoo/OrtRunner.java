package dev.rnnx.testdata.zoo;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a model on ONNX Runtime's own Java API (CPU), the independent implementation the zoo's
 * goldens come from. Handles the element types the zoo uses: float32, int32 and int64.
 */
public final class OrtRunner {
  private OrtRunner() {}

  /**
   * @param model the {@code .onnx} bytes
   * @param inputs graph inputs by name
   * @return every graph output by name, in graph order
   * @throws IllegalStateException if ONNX Runtime rejects the model or fails to run it
   */
  public static Map<String, Tensor> run(byte[] model, Map<String, Tensor> inputs) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // one thread and no graph rewrites: goldens are the operators' plain CPU kernels
      options.setIntraOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession session = env.createSession(model, options)) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
          for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            feeds.put(e.getKey(), toOrt(env, e.getValue()));
          }
          Map<String, Tensor> out = new LinkedHashMap<>();
          try (OrtSession.Result result = session.run(feeds)) {
            for (Map.Entry<String, OnnxValue> e : result) {
              out.put(e.getKey(), fromOrt((OnnxTensor) e.getValue()));
            }
          }
          return out;
        } finally {
          feeds.values().forEach(OnnxTensor::close);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  private static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
    return switch (t.type()) {
      case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toFloatArray()), t.shape());
      case INT32 -> {
        long[] v = t.toLongArray();
        int[] ints = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          ints[i] = Math.toIntExact(v[i]);
        }
        yield OnnxTensor.createTensor(env, IntBuffer.wrap(ints), t.shape());
      }
      case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.toLongArray()), t.shape());
      default -> throw new IllegalArgumentException("unsupported input type " + t.type());
    };
  }

  private static Tensor fromOrt(OnnxTensor t) {
    TensorInfo info = t.getInfo();
    long[] shape = info.getShape();
    return switch (info.type) {
      case FLOAT -> {
        FloatBuffer b = t.getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        yield Tensor.of(v, shape);
      }
      case INT64 -> {
        LongBuffer b = t.getLongBuffer();
        long[] v = new long[b.remaining()];
        b.get(v);
        yield Tensor.of(v, shape);
      }
      case INT32 -> {
        IntBuffer b = t.getIntBuffer();
        int[] v = new int[b.remaining()];
        b.get(v);
        yield Tensor.ofLongs(ElementType.INT32, java.util.Arrays.stream(v).asLongStream()
            .toArray(), shape);
      }
      default -> throw new IllegalArgumentException("unsupported output type " + info.type);
    };
  }
}
