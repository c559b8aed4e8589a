package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Session API on ONNX Runtime: results, input checks before native code, closing. */
class SessionTest {
  private static final SessionOptions ORT = SessionOptions.defaults()
      .withBackend(BackendChoice.ORT).withThreads(1);

  private static Map<String, Tensor> feeds(OnnxTestCase c, Model m) {
    Path data = c.dataSets().get(0);
    List<Tensor> inputs = OnnxTestCase.tensors(data, "input");
    Map<String, Tensor> feeds = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      feeds.put(m.requiredInputs().get(i).name(), inputs.get(i));
    }
    return feeds;
  }

  @Test
  void runMatchesTheReferenceOutput() {
    OnnxTestCase c = NodeTests.get("test_add");
    Model m = Model.load(c.model());
    try (Session s = m.newSession(ORT)) {
      Tensor expected = OnnxTestCase.tensors(c.dataSets().get(0), "output").get(0);
      Tensor actual = s.run(feeds(c, m)).get("sum");
      assertEquals("", TensorComparison.mismatch(expected, actual, 1e-6, 0).orElse(""));
      assertEquals("ort", s.backendName());
    }
  }

  @Test
  void unknownInputIsRefusedWithTheValidNames() {
    Model m = Model.load(NodeTests.get("test_add").model());
    try (Session s = m.newSession(ORT)) {
      Map<String, Tensor> feeds = new HashMap<>(Map.of(
          "x", Tensor.zeros(ElementType.FLOAT, 3, 4, 5),
          "y", Tensor.zeros(ElementType.FLOAT, 3, 4, 5),
          "z", Tensor.scalar(1f)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.run(feeds));
      assertEquals("unknown input 'z' (the model's inputs: x, y)", e.getMessage());
    }
  }

  @Test
  void missingWrongTypeAndWrongShapeAreRefused() {
    Model m = Model.load(NodeTests.get("test_add").model());
    try (Session s = m.newSession(ORT)) {
      Tensor good = Tensor.zeros(ElementType.FLOAT, 3, 4, 5);
      assertEquals("missing input 'y' (float[3, 4, 5])", assertThrows(
          IllegalArgumentException.class, () -> s.run(Map.of("x", good))).getMessage());
      assertEquals("input 'y' expects float[3, 4, 5], got double[3, 4, 5] (wrong element type)",
          assertThrows(IllegalArgumentException.class, () -> s.run(Map.of("x", good,
              "y", Tensor.zeros(ElementType.DOUBLE, 3, 4, 5)))).getMessage());
      assertEquals("input 'y' expects float[3, 4, 5], got float[3, 4, 6] (axis 2 must be 5)",
          assertThrows(IllegalArgumentException.class, () -> s.run(Map.of("x", good,
              "y", Tensor.zeros(ElementType.FLOAT, 3, 4, 6)))).getMessage());
      assertEquals("input 'y' expects float[3, 4, 5] (rank 3), got float[60]",
          assertThrows(IllegalArgumentException.class, () -> s.run(Map.of("x", good,
              "y", Tensor.zeros(ElementType.FLOAT, 60)))).getMessage());
    }
  }

  @Test
  void useAfterCloseThrows() {
    OnnxTestCase c = NodeTests.get("test_add");
    Model m = Model.load(c.model());
    Session s = m.newSession(ORT);
    s.close();
    s.close(); // closing twice is harmless
    RnnxException e = assertThrows(RnnxException.class, () -> s.run(feeds(c, m)));
    assertEquals(RnnxException.ErrorCode.CLOSED, e.code());
  }

  @Test
  void cudaWithoutTheCudaBuildFailsClearly() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        dev.rnnx.runtime.backend.ort.OrtBackend.cudaProviderPresent(),
        "this build has the CUDA provider");
    Model m = Model.load(NodeTests.get("test_add").model());
    RnnxException e = assertThrows(RnnxException.class, () -> m.newSession(
        SessionOptions.defaults().withBackend(BackendChoice.ORT_CUDA)));
    assertEquals(RnnxException.ErrorCode.BACKEND_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
  }

  @Test
  void autoRunsWithoutAGpu() {
    OnnxTestCase c = NodeTests.get("test_add");
    Model m = Model.load(c.model());
    try (Session s = m.newSession()) {
      assertEquals(3 * 4 * 5, s.run(feeds(c, m)).get("sum").size());
    }
  }
}
