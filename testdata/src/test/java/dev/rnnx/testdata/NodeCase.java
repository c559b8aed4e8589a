package dev.rnnx.testdata;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.onnx.TensorProtos;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * One ONNX backend node test read straight from its files: the single node of
 * {@code model.onnx} (via the generated protobuf classes), and the tensors of
 * {@code test_data_set_0} keyed by the graph's input and output names.
 */
public final class NodeCase {
  private static List<OnnxTestCase> suite; // listed once: walking 1,800 folders is not free
  private final String name;
  private final String absentReason; // non-null for the stand-in of a missing suite
  private final NodeProto node;
  private final Map<String, Tensor> values = new LinkedHashMap<>(); // inputs and initializers
  private final Map<String, Tensor> expected = new LinkedHashMap<>();

  /** A stand-in whose every accessor skips the calling test. */
  private NodeCase(String name, String absentReason) {
    this.name = name;
    this.absentReason = absentReason;
    this.node = null;
  }

  private NodeCase(OnnxTestCase test) {
    this.name = test.name();
    this.absentReason = null;
    ModelProto model;
    try {
      model = ModelProto.parseFrom(Files.readAllBytes(test.model()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GraphProto g = model.getGraph();
    if (g.getNodeCount() != 1) {
      throw new IllegalArgumentException(name + " has " + g.getNodeCount() + " nodes, not 1");
    }
    this.node = g.getNode(0);
    for (TensorProto t : g.getInitializerList()) {
      values.put(t.getName(), TensorProtos.fromProto(t));
    }
    Path dataSet = test.dataSets().get(0);
    List<Tensor> inputs = OnnxTestCase.tensors(dataSet, "input");
    List<ValueInfoProto> graphInputs = g.getInputList().stream()
        .filter(v -> !values.containsKey(v.getName())).toList();
    for (int i = 0; i < inputs.size(); i++) {
      values.put(graphInputs.get(i).getName(), inputs.get(i));
    }
    List<Tensor> outputs = OnnxTestCase.tensors(dataSet, "output");
    for (int i = 0; i < outputs.size(); i++) {
      expected.put(g.getOutput(i).getName(), outputs.get(i));
    }
  }

  /**
   * Every case whose name starts with one of the prefixes, {@code _expanded} variants left out
   * (they hold the same data with the operator replaced by its function body). When the suite is
   * absent, or has no such case, the list holds one stand-in whose accessors skip the test using
   * it: the test then shows as skipped, never as passed (an assumption failing in a
   * {@code @MethodSource} would report no test at all).
   *
   * @param prefixes e.g. {@code "test_lstm_"}
   * @return the cases, by name
   */
  public static List<NodeCase> load(String... prefixes) {
    String wanted = String.join(", ", prefixes);
    Path dir = location();
    if (!Files.isDirectory(dir)) {
      return List.of(new NodeCase(wanted, "ONNX node tests not found at " + dir
          + " (set -Donnx.node.tests or ONNX_NODE_TESTS)"));
    }
    List<NodeCase> out = new ArrayList<>();
    for (OnnxTestCase c : suite(dir)) {
      boolean match = false;
      for (String p : prefixes) {
        match |= c.name().startsWith(p);
      }
      if (match && !c.name().contains("_expanded")) {
        out.add(new NodeCase(c));
      }
    }
    return out.isEmpty()
        ? List.of(new NodeCase(wanted, "no ONNX node tests named " + wanted + " in " + dir))
        : out;
  }

  private static synchronized List<OnnxTestCase> suite(Path dir) {
    if (suite == null) {
      suite = OnnxTestCase.findAll(dir);
    }
    return suite;
  }

  /** @return the suite's folder: property onnx.node.tests, env ONNX_NODE_TESTS, or ../shared */
  public static Path location() {
    String configured = System.getProperty("onnx.node.tests", System.getenv("ONNX_NODE_TESTS"));
    return Path.of(configured != null ? configured : "../shared/onnx-node-tests");
  }

  /** @return the case's folder name */
  public String name() {
    return name;
  }

  /** @return the node under test */
  public NodeProto node() {
    present();
    return node;
  }

  /**
   * @param position an input position of the node
   * @return the tensor fed there, or null when the optional input is absent
   */
  public Tensor input(int position) {
    present();
    if (position >= node.getInputCount() || node.getInput(position).isEmpty()) {
      return null;
    }
    return values.get(node.getInput(position));
  }

  /**
   * @param position an output position of the node
   * @return the expected tensor there, or null when the test does not check that output
   */
  public Tensor expected(int position) {
    present();
    if (position >= node.getOutputCount() || node.getOutput(position).isEmpty()) {
      return null;
    }
    return expected.get(node.getOutput(position));
  }

  /** @return the node's attributes */
  public NodeAttributes attributes() {
    present();
    return new NodeAttributes(node);
  }

  /** @return false for the stand-in of a missing suite, whose accessors skip the test */
  public boolean available() {
    return absentReason == null;
  }

  /** Skips the calling test when this is the stand-in of a missing suite. */
  private void present() {
    Assumptions.assumeTrue(absentReason == null, absentReason);
  }

  @Override
  public String toString() {
    return name;
  }
}
