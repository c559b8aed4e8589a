package dev.rnnx.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shape inference against the ONNX node tests: with the models' own output declarations
 * removed, whatever inference claims of an output (element type, rank, fixed dims) must hold
 * for the reference output tensor.
 */
class ShapeInferenceNodeTest {
  /**
   * Cases whose outputs stay partly unknown even with every input bound, and why: their
   * shapes depend on float arithmetic or on control flow decided by data, which inference
   * does not evaluate.
   */
  private static final Map<String, String> DATA_DEPENDENT = Map.of(
      "test_affine_grid_", "the If condition is computed by Equal from shape values",
      "test_blackmanwindow", "the Range limit is computed in float arithmetic",
      "test_hammingwindow", "the Range limit is computed in float arithmetic",
      "test_hannwindow", "the Range limit is computed in float arithmetic",
      "test_loop11", "a Loop with a condition may stop at any iteration",
      "test_range_", "the Loop trip count is computed in float arithmetic");

  private static List<NodeTests.Case> cases;

  @BeforeAll
  static void load() {
    cases = NodeTests.all();
    assertTrue(cases.size() > 1500, "expected the full suite, found " + cases.size());
  }

  /** Removes what the model declares of its outputs, so that only inference speaks. */
  private static void forgetOutputTypes(Graph g) {
    g.outputs().replaceAll(o -> new ValueInfo(o.name(), null));
    g.valueTypes().clear();
  }

  /** @return null when the claim holds for the tensor, else what is wrong */
  private static String check(ValueType claimed, Tensor actual) {
    if (claimed == null) {
      return null;
    }
    if (!(claimed instanceof ValueType.TensorType t)) {
      return "inferred " + claimed + " for a tensor";
    }
    if (t.elementType() != actual.type()) {
      return "inferred " + t + ", actual " + actual.describe();
    }
    if (t.shape() == null) {
      return null;
    }
    if (t.shape().rank() != actual.rank()) {
      return "inferred " + t + ", actual " + actual.describe();
    }
    for (int k = 0; k < actual.rank(); k++) {
      Dim d = t.shape().dim(k);
      if (d.isFixed() && d.sizeOrMinusOne() != actual.dim(k)) {
        return "inferred " + t + ", actual " + actual.describe();
      }
    }
    return null;
  }

  private static boolean fullyKnown(ValueType t) {
    return t instanceof ValueType.TensorType tt && tt.shape() != null
        && tt.shape().isFullyKnown();
  }

  @Test
  void whatInferenceClaimsHoldsForEveryReferenceOutput() {
    List<String> failures = new ArrayList<>();
    int full = 0;
    for (NodeTests.Case c : cases) {
      IrModel m = c.model();
      forgetOutputTypes(m.graph());
      try {
        m = new ShapeInference().apply(m);
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      List<ValueInfo> outs = m.graph().outputs();
      for (int i = 0; i < outs.size() && i < c.outputs().size(); i++) {
        Tensor actual = c.outputs().get(i);
        if (actual == null) {
          continue;
        }
        String wrong = check(outs.get(i).type(), actual);
        if (wrong != null) {
          failures.add(c.name() + " output " + i + ": " + wrong);
        }
        full += fullyKnown(outs.get(i).type()) ? 1 : 0;
      }
    }
    assertEquals("", String.join("\n", failures));
    // Inputs here are graph inputs, often of fixed shape: most outputs are fully known.
    assertTrue(full > 1300, "only " + full + " outputs got a fully known shape");
  }

  @Test
  void withEveryInputBoundEveryOutputOfKnownOperatorsIsFullyKnownAndRight() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (NodeTests.Case c : cases) {
      IrModel m = c.bound();
      if (m == null) {
        continue;
      }
      forgetOutputTypes(m.graph());
      boolean known = m.graph().allNodes().stream().allMatch(ShapeInferenceNodeTest::hasRule)
          && DATA_DEPENDENT.keySet().stream().noneMatch(c.name()::startsWith);
      try {
        m = new ShapeInference().apply(m);
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      List<ValueInfo> outs = m.graph().outputs();
      for (int i = 0; i < outs.size() && i < c.outputs().size(); i++) {
        Tensor actual = c.outputs().get(i);
        if (actual == null) {
          continue;
        }
        String wrong = check(outs.get(i).type(), actual);
        if (wrong == null && known && !fullyKnown(outs.get(i).type())) {
          wrong = "inferred only " + outs.get(i).type() + ", actual " + actual.describe();
        }
        if (wrong != null) {
          failures.add(c.name() + " output " + i + ": " + wrong);
        }
        checked += known ? 1 : 0;
      }
    }
    assertEquals("", String.join("\n", failures));
    assertTrue(checked > 1400, "only " + checked + " outputs of known operators were checked");
  }

  private static boolean hasRule(Node n) {
    return n.domain().equals(Node.DEFAULT_DOMAIN) && ShapeRules.of(n.opType()) != null;
  }

  /** Inference only adds to declarations: the result holds everything they said. */
  @Test
  void inferenceNeverContradictsWhatTheModelsDeclare() {
    List<String> failures = new ArrayList<>();
    for (NodeTests.Case c : cases) {
      IrModel m = c.model();
      List<ValueInfo> declared = List.copyOf(m.graph().outputs());
      try {
        m = new ShapeInference().apply(m);
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      for (int i = 0; i < declared.size(); i++) {
        ValueType before = declared.get(i).type();
        ValueType after = m.graph().outputs().get(i).type();
        if (before != null && !after.equals(TypeMerge.refine(before, after))) {
          failures.add(c.name() + " output " + i + ": declared " + before + ", now " + after);
        }
      }
    }
    assertEquals("", String.join("\n", failures));
  }
}
