package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import dev.rnnx.testdata.zoo.Zoo;
import dev.rnnx.testdata.zoo.ZooCatalog;
import dev.rnnx.testdata.zoo.ZooModel;
import dev.rnnx.testdata.zoo.ZooSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model zoo through RNNX on ONNX Runtime: every model's outputs match its goldens (from
 * ONNX Runtime itself, or the plain-Java reference where ONNX Runtime refuses the model, as it
 * does batch-major recurrences, which RNNX rewrites), and cells with explicit state stepped
 * over many frames follow the plain-Java reference.
 */
class ZooTest {
  private static final SessionOptions ORT = SessionOptions.defaults()
      .withBackend(BackendChoice.ORT).withThreads(1);

  @TestFactory
  Stream<DynamicTest> everyZooModelMatchesItsGoldens() {
    return Zoo.models().stream()
        .filter(m -> m.ortCanRun() || m.name().endsWith("_layout1"))
        .map(m -> DynamicTest.dynamicTest(m.name(), () -> {
          Map<String, Tensor> goldens = m.readGoldens();
          try (Session s = Model.load(m.modelFile()).newSession(ORT)) {
            Map<String, Tensor> out = s.run(m.readInputs());
            for (Map.Entry<String, Tensor> g : goldens.entrySet()) {
              assertEquals("", TensorComparison.mismatch(g.getValue(), out.get(g.getKey()),
                  TensorComparison.ONNX_RTOL, 1e-6).orElse(""), g.getKey());
            }
          }
        }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"convlstm_cell", "matrix_state_rnn"})
  void explicitStateCellsSteppedFollowTheReference(String name) {
    ZooModel model = Zoo.model(name);
    ZooSpec spec = ZooCatalog.all().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow();
    try (StepSession s = Model.load(model.modelFile()).newStepSession(StepOptions.defaults()
        .backend(BackendChoice.ORT).threads(1))) {
      List<String> frameInputs = s.frameInputs().stream().map(TensorSpec::name).toList();
      Map<String, Tensor> referenceState = new HashMap<>(s.state().tensors());
      Random r = new Random(13);
      for (int t = 0; t < 12; t++) {
        Map<String, Tensor> frame = new HashMap<>();
        for (String input : frameInputs) {
          long[] shape = spec.inputs().get(input).shape();
          shape[0] = 1; // one stream: batch 1, as the session's zero initial state assumes
          frame.put(input, RecurrentModels.random(r, shape));
        }
        StepResult stepped = s.step(frame);
        Map<String, Tensor> feeds = new HashMap<>(frame);
        feeds.putAll(referenceState);
        Map<String, Tensor> expected = spec.reference().evaluate(feeds);
        for (var pair : s.statePairs()) {
          Tensor next = expected.get(pair.output());
          assertEquals("", TensorComparison.mismatch(next, stepped.state(pair.input()),
              TensorComparison.ONNX_RTOL, 1e-5).orElse(""), pair + " at step " + t);
          referenceState.put(pair.input(), next);
        }
      }
      Assumptions.assumeTrue(!s.statePairs().isEmpty(), name + " has state pairs");
    }
  }
}
