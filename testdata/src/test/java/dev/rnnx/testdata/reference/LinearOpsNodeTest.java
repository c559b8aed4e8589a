package dev.rnnx.testdata.reference;

import dev.rnnx.testdata.Approx;
import dev.rnnx.testdata.NodeAttributes;
import dev.rnnx.testdata.NodeCase;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conv, MatMul, Gemm, Softmax, Sigmoid and Tanh reproduce the ONNX node tests' outputs. */
class LinearOpsNodeTest {
  static List<NodeCase> convCases() {
    // auto_pad cases are left out: the reference takes explicit pads only
    return NodeCase.load("test_basic_conv_", "test_conv_with_strides_");
  }

  static List<NodeCase> matMulCases() {
    return NodeCase.load("test_matmul_");
  }

  static List<NodeCase> gemmCases() {
    return NodeCase.load("test_gemm_");
  }

  static List<NodeCase> activationCases() {
    return NodeCase.load("test_sigmoid", "test_tanh");
  }

  static List<NodeCase> softmaxLastAxisCases() {
    // the reference takes the last axis only: keep the cases whose axis is the last one
    return NodeCase.load("test_softmax_").stream().filter(c -> {
      if (!c.available()) {
        return true; // the stand-in of a missing suite: kept so that the test shows as skipped
      }
      long axis = c.attributes().getInt("axis", -1);
      return axis == -1 || axis == c.input(0).rank() - 1;
    }).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("softmaxLastAxisCases")
  void softmaxMatchesNodeTest(NodeCase c) {
    Approx.assertClose(c.expected(0), Elementwise.softmaxLastAxis(c.input(0)), c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convCases")
  void convMatchesNodeTest(NodeCase c) {
    NodeAttributes a = c.attributes();
    Conv2dAttributes attrs = Conv2dAttributes.of(a.getInts("pads"), a.getInts("strides"),
        a.getInts("dilations"), a.getInt("group", 1));
    Tensor y = Conv2d.conv(c.input(0), c.input(1), c.input(2), attrs);
    Approx.assertClose(c.expected(0), y, c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matMulCases")
  void matMulMatchesNodeTest(NodeCase c) {
    Approx.assertClose(c.expected(0), MatMul.matMul(c.input(0), c.input(1)), c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gemmCases")
  void gemmMatchesNodeTest(NodeCase c) {
    NodeAttributes a = c.attributes();
    Tensor y = Gemm.gemm(c.input(0), c.input(1), c.input(2), a.getFloat("alpha", 1f),
        a.getFloat("beta", 1f), a.getInt("transA", 0) != 0, a.getInt("transB", 0) != 0);
    Approx.assertClose(c.expected(0), y, c.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activationCases")
  void activationMatchesNodeTest(NodeCase c) {
    Tensor x = c.input(0);
    Tensor y = c.node().getOpType().equals("Sigmoid") ? Elementwise.sigmoid(x)
        : Elementwise.tanh(x);
    Approx.assertClose(c.expected(0), y, c.name());
  }
}
