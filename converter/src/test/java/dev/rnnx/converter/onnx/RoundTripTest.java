package dev.rnnx.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Import, export, import: the two imported graphs are equal, for every ONNX node test model. */
class RoundTripTest {
  @Test
  void everyNodeTestModelSurvivesExportAndReimport() {
    List<OnnxTestCase> cases = NodeTestSuite.cases();
    assertTrue(cases.size() > 1500, "expected the full suite, found " + cases.size());
    List<String> failures = new ArrayList<>();
    for (OnnxTestCase c : cases) {
      try {
        IrModel first = OnnxReader.read(c.model());
        IrModel second = OnnxReader.read(OnnxWriter.toBytes(first), c.dir());
        if (!first.equals(second)) {
          failures.add(c.name() + ": reimported graph differs");
        }
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
      }
    }
    assertEquals("", String.join("\n", failures));
  }
}
