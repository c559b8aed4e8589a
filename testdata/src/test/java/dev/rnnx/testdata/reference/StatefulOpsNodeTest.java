package dev.rnnx.testdata.reference;

import dev.rnnx.testdata.Approx;
import dev.rnnx.testdata.NodeAttributes;
import dev.rnnx.testdata.NodeCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The opset-27 LinearAttention and CausalConvWithState kernels reproduce the node tests. */
class StatefulOpsNodeTest {
  static List<NodeCase> linearAttentionCases() {
    return NodeCase.load("test_linear_attention_");
  }

  static List<NodeCase> causalConvCases() {
    return NodeCase.load("test_causal_conv_with_state_");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linearAttentionCases")
  void linearAttentionMatchesNodeTest(NodeCase c) {
    NodeAttributes a = c.attributes();
    LinearAttention.Attributes attrs = new LinearAttention.Attributes(
        (int) a.getInt("q_num_heads", 0), (int) a.getInt("kv_num_heads", 0),
        a.getFloat("scale", 0f), UpdateRule.parse(a.getString("update_rule", "gated_delta")));
    // inputs: query, key, value, past_state, decay, beta
    LinearAttention.Result r = LinearAttention.run(attrs, c.input(0), c.input(1), c.input(2),
        c.input(3), c.input(4), c.input(5));
    Approx.assertClose(c.expected(0), r.output(), c.name() + " output");
    Approx.assertClose(c.expected(1), r.presentState(), c.name() + " present_state");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("causalConvCases")
  void causalConvMatchesNodeTest(NodeCase c) {
    // inputs: input, weight, bias, past_state
    CausalConvWithState.Result r = CausalConvWithState.run(c.input(0), c.input(1), c.input(2),
        c.input(3), c.attributes().getString("activation", "none"));
    Approx.assertClose(c.expected(0), r.output(), c.name() + " output");
    Approx.assertClose(c.expected(1), r.presentState(), c.name() + " present_state");
  }
}
