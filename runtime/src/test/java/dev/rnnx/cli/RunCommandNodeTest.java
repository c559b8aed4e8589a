package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rnnx run --backend ort} reproduces the ONNX node tests' reference outputs. */
class RunCommandNodeTest {
  @TempDir Path out;

  @ParameterizedTest
  @ValueSource(strings = {"test_lstm_defaults", "test_gru_defaults", "test_simple_rnn_defaults",
      "test_scan9_sum", "test_if", "test_lstm_batchwise", "test_gru_batchwise",
      "test_simple_rnn_batchwise", "test_lstm_with_peepholes", "test_rnn_seq_length"})
  void matchesReferenceOutputs(String name) {
    OnnxTestCase c = NodeTests.get(name);
    Path data = c.dataSets().get(0);
    List<ValueInfo> graphInputs = OnnxReader.read(c.model()).graph().requiredInputs();
    List<ValueInfo> graphOutputs = OnnxReader.read(c.model()).graph().outputs();
    List<String> args = new ArrayList<>(List.of("run", c.model().toString(), "--backend", "ort",
        "--output-dir", out.toString()));
    List<Path> inputFiles = OnnxTestCase.files(data, "input");
    for (int i = 0; i < inputFiles.size(); i++) {
      args.add("--input");
      args.add(graphInputs.get(i).name() + "=" + inputFiles.get(i));
    }
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    assertEquals(0, status, err.toString());
    List<Tensor> expected = OnnxTestCase.tensors(data, "output");
    for (int i = 0; i < expected.size(); i++) {
      String output = graphOutputs.get(i).name();
      Tensor actual = Npy.read(out.resolve(TensorFiles.fileName(output)));
      assertEquals("", TensorComparison.mismatch(expected.get(i), actual,
          TensorComparison.ONNX_RTOL, TensorComparison.ONNX_ATOL).orElse(""), output);
    }
  }
}
