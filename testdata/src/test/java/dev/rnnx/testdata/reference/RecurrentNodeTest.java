package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rnnx.testdata.Approx;
import dev.rnnx.testdata.NodeCase;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The LSTM, GRU and RNN reference kernels reproduce the ONNX backend node tests' outputs. */
class RecurrentNodeTest {
  static List<NodeCase> lstmCases() {
    return NodeCase.load("test_lstm_");
  }

  static List<NodeCase> gruCases() {
    return NodeCase.load("test_gru_");
  }

  static List<NodeCase> rnnCases() {
    return NodeCase.load("test_rnn_seq_length", "test_simple_rnn_");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lstmCases")
  void lstmMatchesNodeTest(NodeCase c) {
    // LSTM inputs: X, W, R, B, sequence_lens, initial_h, initial_c, P
    RecurrentInputs in = inputs(c)
        .withInitialC(c.input(6))
        .withPeepholes(c.input(7));
    RecurrentOutputs out = Lstm.run(c.attributes().recurrent(), in);
    check(c, out.y(), out.yH(), out.yC());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gruCases")
  void gruMatchesNodeTest(NodeCase c) {
    RecurrentOutputs out = Gru.run(c.attributes().recurrent(), inputs(c));
    check(c, out.y(), out.yH(), null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rnnCases")
  void rnnMatchesNodeTest(NodeCase c) {
    RecurrentOutputs out = Rnn.run(c.attributes().recurrent(), inputs(c));
    check(c, out.y(), out.yH(), null);
  }

  /** The inputs all three operators share: X, W, R, B, sequence_lens, initial_h. */
  private static RecurrentInputs inputs(NodeCase c) {
    return RecurrentInputs.of(c.input(0), c.input(1), c.input(2))
        .withBias(c.input(3))
        .withSequenceLens(c.input(4))
        .withInitialH(c.input(5));
  }

  private static void check(NodeCase c, Tensor y, Tensor yH, Tensor yC) {
    Tensor[] actual = {y, yH, yC};
    int checked = 0;
    for (int k = 0; k < actual.length; k++) {
      Tensor expected = c.expected(k);
      if (expected != null) {
        assertNotNull(actual[k], c.name() + " output " + k);
        Approx.assertClose(expected, actual[k], c.name() + " output " + k);
        checked++;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(checked > 0, c.name() + " checks no output");
  }
}
