package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.onnx.TensorProtos;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The ONNX backend node tests (property onnx.node.tests, env ONNX_NODE_TESTS, or ../shared):
 * each model with the tensors of its first data set.
 */
final class NodeTests {
  private static List<Case> all; // read once per test run; cases hand out model copies

  private NodeTests() {}

  /**
   * One case.
   *
   * @param name the case's name
   * @param original the model as read (use {@link #model()}, a copy, to change it)
   * @param inputs the input tensors in graph input order, null where not a plain tensor
   * @param outputs the expected output tensors in graph output order, null where not a tensor
   */
  record Case(String name, IrModel original, List<Tensor> inputs, List<Tensor> outputs) {
    /** @return a copy of the model, to change at will */
    IrModel model() {
      return original.copy();
    }

    /** @return a copy with every required input bound to its data, or null if one can't be */
    IrModel bound() {
      IrModel m = model();
      List<ValueInfo> required = m.graph().requiredInputs();
      if (required.size() != inputs.size() || inputs.contains(null)) {
        return null;
      }
      for (int i = 0; i < required.size(); i++) {
        m = InputBinding.bindConstant(m, required.get(i).name(), inputs.get(i));
      }
      return m;
    }
  }

  static Path location() {
    String configured = System.getProperty("onnx.node.tests", System.getenv("ONNX_NODE_TESTS"));
    return Path.of(configured != null ? configured : "../shared/onnx-node-tests");
  }

  /** @return every case, or a skipped test (never a passed one) when the suite is absent */
  static synchronized List<Case> all() {
    Path dir = location();
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "ONNX node tests not found at " + dir + " (set -Donnx.node.tests or ONNX_NODE_TESTS)");
    if (all == null) {
      List<Case> cases = new ArrayList<>();
      for (OnnxTestCase c : OnnxTestCase.findAll(dir)) {
        cases.add(load(c));
      }
      all = List.copyOf(cases);
    }
    return all;
  }

  /** @return one case by name, or a skipped test when the suite is absent */
  static Case named(String name) {
    Path dir = location().resolve(name);
    Assumptions.assumeTrue(Files.isDirectory(dir), "ONNX node test " + dir + " not found");
    return load(new OnnxTestCase(name, dir));
  }

  private static Case load(OnnxTestCase c) {
    Path data = c.dataSets().get(0);
    return new Case(c.name(), OnnxReader.read(c.model()), tensors(data, "input"),
        tensors(data, "output"));
  }

  private static List<Tensor> tensors(Path dataSet, String kind) {
    List<Tensor> out = new ArrayList<>();
    for (Path f : OnnxTestCase.files(dataSet, kind)) {
      Tensor t;
      try {
        t = TensorProtos.readFile(f);
      } catch (RuntimeException e) { // sequences and optionals: not plain tensors
        t = null;
      }
      out.add(t);
    }
    return out;
  }
}
