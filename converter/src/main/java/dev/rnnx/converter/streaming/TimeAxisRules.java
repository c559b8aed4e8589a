package dev.rnnx.converter.streaming;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How each operator treats the time axis of one of its inputs: which output axis it becomes,
 * or nothing when the operator mixes time steps (reduces, convolves or reshapes across them),
 * so that feeding frames one at a time would change the result. One rule per operator.
 */
final class TimeAxisRules {
  /**
   * Maps (node, input index, time axis of that input) to the time axis of output 0, or empty
   * when the node mixes time steps.
   */
  @FunctionalInterface
  interface Rule {
    OptionalInt outputAxis(Node node, int input, int axis, Graph graph);
  }

  private static final Map<String, Rule> RULES = new HashMap<>();

  private static final Set<String> ELEMENTWISE = Set.of(
      "Identity", "Cast", "CastLike", "Dropout", "Abs", "Neg", "Exp", "Log", "Sqrt",
      "Reciprocal", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Sigmoid", "HardSigmoid",
      "HardSwish", "Tanh", "Softsign", "Softplus", "ThresholdedRelu", "Gelu", "Erf", "Clip",
      "Mish", "Swish", "Floor", "Ceil", "Round", "Sign", "Sin", "Cos", "Not", "IsNaN", "IsInf",
      "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Min", "Max", "Sum", "Mean", "Equal", "Less",
      "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Where", "BitShift",
      "QuantizeLinear", "DequantizeLinear");

  static {
    ELEMENTWISE.forEach(op -> RULES.put(op, TimeAxisRules::broadcast));
    for (String op : new String[] {"Softmax", "LogSoftmax", "Hardmax", "LayerNormalization",
        "Concat", "Split", "Gather", "CumSum", "ArgMax", "ArgMin", "TopK", "LpNormalization"}) {
      RULES.put(op, TimeAxisRules::unlessAxisAttribute);
    }
    RULES.put("Transpose", TimeAxisRules::transpose);
    RULES.put("Unsqueeze", TimeAxisRules::squeezeLike);
    RULES.put("Squeeze", TimeAxisRules::squeezeLike);
    RULES.put("MatMul", TimeAxisRules::matMul);
    RULES.put("Gemm", TimeAxisRules::gemm);
    RULES.put("Flatten", (n, i, a, g) -> a < n.intAttr("axis", 1) && a == 0
        ? OptionalInt.of(0) : OptionalInt.empty());
    for (String op : new String[] {"Conv", "ConvTranspose", "MaxPool", "AveragePool",
        "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization", "InstanceNormalization",
        "LRN"}) {
      // these treat axis 0 as the batch: each time step stays its own item
      RULES.put(op, (n, i, a, g) -> i == 0 && a == 0 ? OptionalInt.of(0) : OptionalInt.empty());
    }
    for (String op : new String[] {"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
        "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSumExp", "ReduceSumSquare"}) {
      RULES.put(op, TimeAxisRules::reduce);
    }
  }

  private TimeAxisRules() {}

  /** @return the rule for a default-domain operator, or null when it mixes time steps */
  static Rule of(Node node) {
    return node.domain().equals(Node.DEFAULT_DOMAIN) ? RULES.get(node.opType()) : null;
  }

  /** Numpy broadcasting aligns dims from the right. */
  private static OptionalInt broadcast(Node n, int input, int axis, Graph g) {
    int in = rank(g, n.inputs().get(input));
    int out = n.output(0).map(v -> rank(g, v)).orElse(-1);
    return OptionalInt.of(in < 0 || out < 0 ? axis : axis + (out - in));
  }

  private static OptionalInt unlessAxisAttribute(Node n, int input, int axis, Graph g) {
    int rank = rank(g, n.inputs().get(input));
    long along = n.intAttr("axis", n.opType().equals("Softmax") || n.opType().equals("LogSoftmax")
        ? -1 : 0);
    if (along < 0 && rank > 0) {
      along += rank;
    }
    return along == axis || (along < 0 && rank < 0) ? OptionalInt.empty() : OptionalInt.of(axis);
  }

  private static OptionalInt transpose(Node n, int input, int axis, Graph g) {
    long[] perm = n.attribute("perm").map(a -> a.asInts()).orElse(null);
    if (perm == null) {
      int rank = rank(g, n.inputs().get(0));
      return rank < 0 ? OptionalInt.empty() : OptionalInt.of(rank - 1 - axis);
    }
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] == axis) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  private static long[] axes(Node n, Graph g, int outRankForNegative) {
    long[] axes = n.attribute("axes").map(a -> a.asInts())
        .orElseGet(() -> n.input(1).map(g.initializers()::get).map(Tensor::toLongArray)
            .orElse(null));
    if (axes == null) {
      return null;
    }
    long[] normalized = axes.clone();
    for (int i = 0; i < normalized.length; i++) {
      if (normalized[i] < 0) {
        normalized[i] += outRankForNegative;
      }
    }
    return normalized;
  }

  private static OptionalInt matMul(Node n, int input, int axis, Graph g) {
    int rank = rank(g, n.inputs().get(input));
    int out = n.output(0).map(v -> rank(g, v)).orElse(-1);
    if (rank < 0 || out < 0) {
      return OptionalInt.empty();
    }
    boolean contracted = input == 0 ? axis == rank - 1 : axis == rank - 2 || rank == 1;
    if (contracted || (input == 1 && axis == rank - 1)) {
      return OptionalInt.empty(); // the contraction or the weight's own columns
    }
    return OptionalInt.of(axis + (out - rank));
  }

  private static OptionalInt gemm(Node n, int input, int axis, Graph g) {
    if (input == 0) {
      int rowAxis = n.intAttr("transA", 0) == 0 ? 0 : 1;
      return axis == rowAxis ? OptionalInt.of(0) : OptionalInt.empty();
    }
    return OptionalInt.empty();
  }

  private static OptionalInt reduce(Node n, int input, int axis, Graph g) {
    if (input != 0 || n.intAttr("keepdims", 1) == 0) {
      return OptionalInt.empty();
    }
    long[] axes = n.attribute("axes").map(a -> a.asInts()).orElse(null);
    if (axes == null) {
      return OptionalInt.empty(); // all axes, or axes given as an input
    }
    int rank = rank(g, n.inputs().get(0));
    boolean reduced = Arrays.stream(axes).anyMatch(x -> x == axis || (rank > 0 && x + rank == axis));
    return reduced ? OptionalInt.empty() : OptionalInt.of(axis);
  }

  /** Unsqueeze shifts the time axis past inserted axes; Squeeze past removed ones. */
  private static OptionalInt squeezeLike(Node n, int input, int axis, Graph g) {
    if (input != 0) {
      return OptionalInt.empty();
    }
    boolean unsqueeze = n.opType().equals("Unsqueeze");
    int in = rank(g, n.inputs().get(0));
    int out = n.output(0).map(v -> rank(g, v)).orElse(-1);
    long[] axes = axes(n, g, unsqueeze ? out : in);
    if (axes == null || (unsqueeze && out < 0) || (!unsqueeze && in < 0)) {
      return OptionalInt.empty();
    }
    int result = axis;
    if (unsqueeze) {
      long[] sorted = axes.clone();
      Arrays.sort(sorted);
      for (long a : sorted) {
        if (a <= result) {
          result++;
        }
      }
      return OptionalInt.of(result);
    }
    for (long a : axes) {
      if (a == axis) {
        return OptionalInt.empty();
      }
      if (a < axis) {
        result--;
      }
    }
    return OptionalInt.of(result);
  }

  /** @return the rank of a value's declared or inferred type, or -1 when unknown */
  static int rank(Graph g, String value) {
    return g.typeOf(value)
        .filter(t -> t instanceof ValueType.TensorType tt && tt.shape() != null)
        .map(t -> ((ValueType.TensorType) t).shape().rank())
        .orElse(-1);
  }
}
