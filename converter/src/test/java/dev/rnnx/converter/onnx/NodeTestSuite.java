package dev.rnnx.converter.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Where the ONNX backend node tests are: property onnx.node.tests, env ONNX_NODE_TESTS, or ../shared. */
final class NodeTestSuite {
  private NodeTestSuite() {}

  static Path location() {
    String configured = System.getProperty("onnx.node.tests", System.getenv("ONNX_NODE_TESTS"));
    return Path.of(configured != null ? configured : "../shared/onnx-node-tests");
  }

  /** @return every case, or a skipped test (never a passed one) when the suite is absent */
  static List<OnnxTestCase> cases() {
    Path dir = location();
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "ONNX node tests not found at " + dir + " (set -Donnx.node.tests or ONNX_NODE_TESTS)");
    return OnnxTestCase.findAll(dir);
  }
}
