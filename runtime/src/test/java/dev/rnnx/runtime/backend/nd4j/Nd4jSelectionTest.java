package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import org.junit.jupiter.api.Test;

/** Backend selection: {@code nd4j} by name, and {@code auto}'s fallback to it. */
class Nd4jSelectionTest {
  @Test
  void nd4jIsChosenByItsName() {
    assertEquals(BackendChoice.ND4J, BackendChoice.parse("ND4J"));
    Model m = Model.load(NodeTests.get("test_lstm_defaults").model());
    try (Session s = m.newSession(SessionOptions.defaults().withBackend(BackendChoice.ND4J))) {
      assertEquals("nd4j", s.backendName());
    }
  }

  @Test
  void autoRunsOnOnnxRuntimeWhenItLoadsTheModel() {
    Model m = Model.load(NodeTests.get("test_lstm_defaults").model());
    try (Session s = m.newSession(SessionOptions.defaults().withThreads(1))) {
      assertEquals("ort", s.backendName());
    }
  }

  @Test
  void autoFallsBackToNd4jForOperatorsOnnxRuntimeDoesNotLoad() {
    Model m = Model.load(NodeTests.get("test_linear_attention_gated_delta").model());
    try (Session s = m.newSession(SessionOptions.defaults().withThreads(1))) {
      assertEquals("nd4j", s.backendName());
    }
  }

  @Test
  void nd4jRefusesAModelWithUnsupportedOperatorsNamingThem() {
    Model m = Model.load(NodeTests.get("test_nonzero_example").model());
    RnnxException e = assertThrows(RnnxException.class,
        () -> m.newSession(SessionOptions.defaults().withBackend(BackendChoice.ND4J)));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code());
    assertEquals("backend nd4j cannot run this model: unsupported operators: NonZero (node"
        + " #0 of graph 'test_nonzero_example')", e.getMessage());
  }
}
