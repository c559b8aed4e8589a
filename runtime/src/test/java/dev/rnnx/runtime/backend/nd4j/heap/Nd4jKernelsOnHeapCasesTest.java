package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.backend.nd4j.Nd4jBackend;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The node tests the heap path takes run there in the nd4j backend, so the conformance suite
 * no longer reaches the ND4J kernels for them; those kernels still run every graph the heap
 * path declines. This runs each such case on the ND4J kernels alone, so both stay checked.
 */
class Nd4jKernelsOnHeapCasesTest {
  static Stream<String> heapCases() {
    return OnnxTestCase.findAll(NodeTests.location()).stream().map(OnnxTestCase::name).sorted()
        .filter(n -> HeapCases.compile(n).map(p -> {
          p.close();
          return true;
        }).orElse(false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("heapCases")
  void passesOnTheNd4jKernels(String name) {
    HeapCases.assertPasses(name, m -> Optional.of(new Nd4jBackend(false).compile(m, 1)));
  }
}
