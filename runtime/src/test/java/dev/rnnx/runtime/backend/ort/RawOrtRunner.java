package dev.rnnx.runtime.backend.ort;

import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.onnx.TestValue;
import dev.rnnx.converter.onnx.TestValue.OptionalValue;
import dev.rnnx.converter.onnx.TestValue.SequenceValue;
import dev.rnnx.converter.onnx.TestValue.TensorValue;
import dev.rnnx.runtime.conformance.ValueComparison;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an ONNX backend test case on ONNX Runtime alone: the original model bytes, no RNNX pass,
 * ONNX Runtime's Java API used directly. It reads what that API can hand out (tensors and
 * sequences of tensors) and feeds what it can take (tensors, and an optional's tensor), judging
 * outputs as the conformance runner does. The baseline RNNX is measured against.
 */
public final class RawOrtRunner {
  private RawOrtRunner() {}

  /**
   * @param c a case
   * @return why it fails, or empty when every output of every data set matches
   */
  public static Optional<String> failure(OnnxTestCase c) {
    try {
      Graph g = OnnxReader.read(c.model()).graph();
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        try (OrtSession session = env.createSession(Files.readAllBytes(c.model()), options)) {
          for (Path dataSet : c.dataSets()) {
            Optional<String> f = judge(env, session, g, dataSet);
            if (f.isPresent()) {
              return f;
            }
          }
        }
      }
      return Optional.empty();
    } catch (OrtException | IOException | RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private static Optional<String> judge(OrtEnvironment env, OrtSession session, Graph g,
      Path dataSet) throws OrtException {
    List<TestValue> inputs = OnnxTestCase.values(dataSet, "input", types(g.inputs()));
    List<TestValue> expected = OnnxTestCase.values(dataSet, "output", types(g.outputs()));
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        TestValue v = inputs.get(i);
        if (v instanceof OptionalValue o) {
          if (!o.isPresent()) {
            continue;
          }
          v = o.element();
        }
        if (!(v instanceof TensorValue t)) {
          return Optional.of("ONNX Runtime's Java API cannot create " + v.describe());
        }
        feeds.put(g.inputs().get(i).name(), OrtTensors.toOrt(env, t.tensor(),
            new ByteBuffer[1]));
      }
      try (OrtSession.Result result = session.run(feeds)) {
        List<TestValue> actual = new ArrayList<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          actual.add(value(e.getValue()));
        }
        if (actual.size() != expected.size()) {
          return Optional.of(actual.size() + " outputs, expected " + expected.size());
        }
        for (int k = 0; k < expected.size(); k++) {
          Optional<String> m = ValueComparison.mismatch(expected.get(k), actual.get(k));
          if (m.isPresent()) {
            return m;
          }
        }
        return Optional.empty();
      }
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  private static TestValue value(OnnxValue v) throws OrtException {
    if (v instanceof OnnxTensor t) {
      return new TensorValue(OrtTensors.fromOrt(t));
    }
    if (v instanceof OnnxSequence s) {
      List<TestValue> elements = new ArrayList<>();
      for (OnnxValue e : s.getValue()) {
        elements.add(value(e));
      }
      return new SequenceValue(elements);
    }
    throw new IllegalStateException("ONNX Runtime's Java API cannot read a " + v.getType());
  }

  private static List<ValueType> types(List<ValueInfo> values) {
    return values.stream().map(ValueInfo::type).toList();
  }
}
