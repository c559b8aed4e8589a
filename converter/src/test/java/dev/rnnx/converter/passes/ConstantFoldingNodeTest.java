package dev.rnnx.converter.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Constant folding against the ONNX node tests: with every input bound to its test data, a
 * model of folded operators only must collapse to initializers equal to the reference outputs.
 */
class ConstantFoldingNodeTest {
  /** Casts whose targets have saturation rules of their own, left to the runtime. */
  private static final Pattern NARROW_CASTS =
      Pattern.compile("test_cast(like)?_.*(FLOAT8|FLOAT4|INT4|UINT4|INT2|UINT2).*");
  /** ReduceSum and ReduceProd fold for integers only; these reduce floats. */
  private static final Pattern FLOAT_REDUCTIONS = Pattern.compile("test_reduce_(sum|prod)_.*");

  private static List<NodeTests.Case> cases;

  @BeforeAll
  static void load() {
    cases = NodeTests.all();
  }

  private static boolean allFoldable(Graph g) {
    return g.allNodes().stream().allMatch(n -> n.domain().equals(Node.DEFAULT_DOMAIN)
        && FoldKernels.of(n.opType()) != null);
  }

  @Test
  void boundModelsOfFoldedOperatorsCollapseToTheReferenceOutputs() {
    List<String> failures = new ArrayList<>();
    int folded = 0;
    for (NodeTests.Case c : cases) {
      IrModel m = c.bound();
      if (m == null) {
        continue;
      }
      boolean mustFold = allFoldable(m.graph()) && !NARROW_CASTS.matcher(c.name()).matches()
          && !FLOAT_REDUCTIONS.matcher(c.name()).matches();
      try {
        m = new ConstantFolding().apply(new ShapeInference().apply(m));
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      for (int i = 0; i < c.outputs().size(); i++) {
        Tensor expected = c.outputs().get(i);
        Tensor value = m.graph().initializers().get(m.graph().outputs().get(i).name());
        if (value == null) {
          if (mustFold && expected != null) {
            failures.add(c.name() + " output " + i + " was not folded");
          }
          continue;
        }
        folded++;
        String wrong = expected == null ? "folded a non-tensor" : Tensors.difference(value,
            expected);
        if (wrong != null) {
          failures.add(c.name() + " output " + i + ": " + wrong);
        }
      }
    }
    assertEquals("", String.join("\n", failures));
    assertTrue(folded > 400, "only " + folded + " outputs folded");
  }

  @Test
  void shapesKnownFromInferenceFoldWithoutBindingAnything() {
    List<String> failures = new ArrayList<>();
    int folded = 0;
    for (NodeTests.Case c : cases) {
      IrModel m = c.model();
      try {
        m = new ConstantFolding().apply(new ShapeInference().apply(m));
      } catch (RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
        continue;
      }
      for (int i = 0; i < c.outputs().size(); i++) {
        Tensor value = m.graph().initializers().get(m.graph().outputs().get(i).name());
        if (value != null && m.graph().input(m.graph().outputs().get(i).name()).isEmpty()) {
          folded++;
          String wrong = Tensors.difference(value, c.outputs().get(i));
          if (wrong != null) {
            failures.add(c.name() + " output " + i + ": " + wrong);
          }
        }
      }
    }
    assertEquals("", String.join("\n", failures));
    // the Shape and Size cases, and the models that compute from Constants alone
    assertTrue(folded >= 12, "only " + folded + " outputs folded");
  }
}
