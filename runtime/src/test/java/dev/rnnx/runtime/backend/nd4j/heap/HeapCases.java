package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.passes.Passes;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs ONNX node test cases on the heap path alone (or another compiled form) and compares
 * every output with the case's expected output at ONNX's tolerances.
 */
final class HeapCases {
  private HeapCases() {}

  /** @return the names of the node tests matching a regular expression, sorted */
  static List<String> matching(String regex) {
    Pattern p = Pattern.compile(regex);
    return OnnxTestCase.findAll(NodeTests.location()).stream().map(OnnxTestCase::name)
        .filter(n -> p.matcher(n).matches()).sorted().toList();
  }

  /**
   * @param name a node test case
   * @return the case's model as a session prepares it, compiled for the heap path, or empty
   *     when the heap path declines it
   */
  static Optional<HeapProgram> compile(String name) {
    IrModel m = prepared(NodeTests.get(name));
    return HeapProgram.compile(m.graph(), m.defaultOpset());
  }

  private static IrModel prepared(OnnxTestCase c) {
    return Passes.specializing(Map.of()).run(OnnxReader.read(c.model()).copy());
  }

  /**
   * Asserts that the heap path takes the case and reproduces every data set's outputs.
   *
   * @param name a node test case
   */
  static void assertPasses(String name) {
    assertPasses(name, m -> HeapProgram.compile(m.graph(), m.defaultOpset())
        .map(HeapExecutable::new));
  }

  /**
   * Asserts that a compiled form of the case reproduces every data set's outputs.
   *
   * @param name a node test case
   * @param compiler compiles the prepared model, or declines it (a failure)
   */
  static void assertPasses(String name, Function<IrModel, Optional<Executable>> compiler) {
    OnnxTestCase c = NodeTests.get(name);
    IrModel original = OnnxReader.read(c.model());
    IrModel m = prepared(c);
    List<String> feedNames = original.graph().inputs().stream().map(ValueInfo::name)
        .filter(n -> !original.graph().initializers().containsKey(n)).toList();
    List<String> outNames = original.graph().outputs().stream().map(ValueInfo::name).toList();
    Optional<Executable> compiled = compiler.apply(m);
    assertTrue(compiled.isPresent(), name + ": declined");
    try (Executable e = compiled.get()) {
      for (Path set : c.dataSets()) {
        List<Tensor> in = OnnxTestCase.tensors(set, "input");
        List<Tensor> expected = OnnxTestCase.tensors(set, "output");
        Map<String, Tensor> feeds = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
          feeds.put(feedNames.get(i), in.get(i));
        }
        Map<String, Tensor> out = e.run(feeds);
        for (int k = 0; k < expected.size(); k++) {
          Tensor actual = out.get(outNames.get(k));
          assertEquals(expected.get(k).type(), actual.type(), name + " output " + k);
          Optional<String> diff = TensorComparison.mismatch(expected.get(k), actual,
              TensorComparison.ONNX_RTOL, TensorComparison.ONNX_ATOL);
          assertTrue(diff.isEmpty(), name + " output " + outNames.get(k) + ": "
              + diff.orElse(""));
        }
      }
    }
  }
}
