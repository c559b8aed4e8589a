package dev.rnnx.runtime.upgrade;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a model on ONNX Runtime as it is, no RNNX pass applied: float inputs and outputs. */
final class RawOrt {
  private RawOrt() {}

  static List<Tensor> run(IrModel model, Map<String, Tensor> feeds) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> in = new HashMap<>();
    try (OrtSession s = env.createSession(OnnxWriter.toBytes(model),
        new OrtSession.SessionOptions())) {
      for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
        in.put(e.getKey(), OnnxTensor.createTensor(env,
            FloatBuffer.wrap(e.getValue().toFloatArray()), e.getValue().shape()));
      }
      try (OrtSession.Result r = s.run(in)) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, OnnxValue> e : r) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          float[] v = new float[(int) t.getInfo().getNumElements()];
          t.getFloatBuffer().get(v);
          out.add(Tensor.of(v, t.getInfo().getShape()));
        }
        return out;
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }
}
