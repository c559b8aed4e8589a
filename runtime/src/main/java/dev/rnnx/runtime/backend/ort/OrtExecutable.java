package dev.rnnx.runtime.backend.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX Runtime session; every native tensor it creates is closed before a run returns. Not
 * safe for concurrent runs (its input buffers are reused), like the Session that owns it.
 */
final class OrtExecutable implements Executable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final String backendName;
  // one reusable direct buffer per input name, so runs allocate no native memory for inputs
  private final Map<String, ByteBuffer[]> staging = new HashMap<>();
  private volatile boolean closed;

  OrtExecutable(OrtEnvironment env, OrtSession session, String backendName) {
    this.env = env;
    this.session = session;
    this.backendName = backendName;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, backendName + " session is closed");
    }
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try {
      for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
        ByteBuffer[] holder = staging.computeIfAbsent(e.getKey(), k -> new ByteBuffer[1]);
        feeds.put(e.getKey(), OrtTensors.toOrt(env, e.getValue(), holder));
      }
      try (OrtSession.Result result = session.run(feeds)) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          if (!(e.getValue() instanceof OnnxTensor t)) {
            throw new RnnxException(ErrorCode.UNSUPPORTED, "output '" + e.getKey() + "' is a "
                + e.getValue().getType() + ", not a tensor");
          }
          outputs.put(e.getKey(), OrtTensors.fromOrt(t));
        }
        return outputs;
      }
    } catch (OrtException e) {
      throw new RnnxException(ErrorCode.BACKEND_FAILURE,
          "ONNX Runtime failed running the model: " + e.getMessage(), e);
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new RnnxException(ErrorCode.BACKEND_FAILURE, "closing ONNX Runtime session", e);
    }
  }
}
