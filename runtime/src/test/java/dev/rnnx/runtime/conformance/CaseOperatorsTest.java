package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which operator a case is filed under in the report. */
class CaseOperatorsTest {
  @TempDir Path root;

  @Test
  void aCaseIsFiledUnderTheOperatorsOfItsMainGraph() {
    assertEquals("Scan", CaseOperators.of(NodeTests.get("test_scan_sum")));
    assertEquals("LSTM", CaseOperators.of(NodeTests.get("test_lstm_defaults")));
  }

  @Test
  void anExpandedCaseIsFiledUnderItsUnexpandedSibling() {
    assertEquals("Celu", CaseOperators.of(NodeTests.get("test_celu_expanded")));
  }

  @Test
  void constantsCountOnlyWhenNothingElseIsThereAndOtherOpsAreJoined() {
    Graph g = new Graph("g");
    g.inputs().add(CaseFolders.floats("x", 1));
    g.outputs().add(CaseFolders.floats("z", 1));
    g.nodes().add(Node.of("c", "Constant", List.of(), List.of("one"),
        List.of(Attribute.of("value", Tensor.of(new float[] {1}, 1)))));
    g.nodes().add(Node.of("a", "Add", List.of("x", "one"), List.of("y"), List.of()));
    g.nodes().add(Node.of("r", "Relu", List.of("y"), List.of("z"), List.of()));
    OnnxTestCase c = CaseFolders.write(root, "test_add_relu", CaseFolders.model(g), List.of(),
        List.of());
    assertEquals("Add+Relu", CaseOperators.of(c));
  }
}
