package dev.rnnx.runtime;

import dev.rnnx.converter.onnx.OnnxTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The ONNX node tests: property onnx.node.tests, env ONNX_NODE_TESTS, or ../shared. */
public final class NodeTests {
  private NodeTests() {}

  /** @return the suite folder, or a skipped test (never a passed one) when it is absent */
  public static Path location() {
    String configured = System.getProperty("onnx.node.tests", System.getenv("ONNX_NODE_TESTS"));
    Path dir = Path.of(configured != null ? configured : "../shared/onnx-node-tests");
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "ONNX node tests not found at " + dir + " (set -Donnx.node.tests or ONNX_NODE_TESTS)");
    return dir;
  }

  /** @return one case, skipping the test when the suite is absent */
  public static OnnxTestCase get(String name) {
    Path dir = location().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "node test " + name + " not found");
    return new OnnxTestCase(name, dir);
  }
}
