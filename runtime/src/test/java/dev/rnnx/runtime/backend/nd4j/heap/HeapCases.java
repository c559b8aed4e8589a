package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.passes.Passes;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs ONNX node test cases on the heap path alone and compares every output with the case's
 * expected output at ONNX's tolerances.
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
    OnnxTestCase c = NodeTests.get(name);
    IrModel original = OnnxReader.read(c.model());
    IrModel m = prepared(c);
    List<String> feedNames = original.graph().inputs().stream().map(ValueInfo::name)
        .filter(n -> !original.graph().initializers().containsKey(n)).toList();
    List<String> outNames = original.graph().outputs().stream().map(ValueInfo::name).toList();
    Optional<HeapProgram> compiled = HeapProgram.compile(m.graph(), m.defaultOpset());
    assertTrue(compiled.isPresent(), name + ": the heap path declined it");
    try (HeapProgram p = compiled.get()) {
      for (Path set : c.dataSets()) {
        List<Tensor> in = OnnxTestCase.tensors(set, "input");
        List<Tensor> expected = OnnxTestCase.tensors(set, "output");
        Map<String, Dense> byName = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
          byName.put(feedNames.get(i), Dense.of(in.get(i)));
        }
        List<Dense> feeds = new ArrayList<>();
        p.inputNames().forEach(n -> feeds.add(byName.get(n)));
        List<Dense> out = p.run(feeds);
        for (int k = 0; k < expected.size(); k++) {
          int at = p.outputNames().indexOf(outNames.get(k));
          Tensor actual = out.get(at).toTensor();
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
