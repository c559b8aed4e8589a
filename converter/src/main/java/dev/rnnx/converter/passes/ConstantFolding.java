package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OperatorSets;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Evaluates, in plain Java, each node whose inputs are all constant and whose operator is one
 * it knows, and replaces it with initializers holding its outputs; what it folds is constant
 * for the nodes after it, so chains collapse in one pass. Shape and Size fold as soon as their
 * input's shape is fully known (run {@link ShapeInference} first), which collapses the
 * Shape → Gather → Concat → Reshape chains exporters emit.
 *
 * <p>Folded operators: Constant (every value attribute but sparse_value), Identity, Shape,
 * Size, Gather, Concat, Unsqueeze, Squeeze, Reshape, Flatten, Transpose, Slice, Expand,
 * ConstantOfShape, Range, Cast, CastLike, Add, Sub, Mul, Div, Neg, Min, Max, Equal, Less,
 * Greater, LessOrEqual, GreaterOrEqual, Not, And, Or, Xor, Where, and ReduceSum and ReduceProd
 * of integers. A result over the element cap, a type a kernel does not handle (strings in
 * arithmetic, sub-byte types, 8-bit float casts) or a case the spec leaves undefined (integer
 * division by zero) leaves the node as it is. Subgraphs are folded too, seeing the constants of
 * the graphs around them.
 */
public final class ConstantFolding implements GraphPass {
  /** The default cap on a folded tensor's element count. */
  public static final long DEFAULT_MAX_ELEMENTS = 1 << 20;

  private final long maxElements;

  /** Folds with the default cap of {@value #DEFAULT_MAX_ELEMENTS} elements. */
  public ConstantFolding() {
    this(DEFAULT_MAX_ELEMENTS);
  }

  /** @param maxElements the most elements one folded tensor may have */
  public ConstantFolding(long maxElements) {
    this.maxElements = maxElements;
  }

  @Override
  public String name() {
    return "constant-folding";
  }

  @Override
  public IrModel apply(IrModel model) {
    boolean folded = fold(ConstantScope.of(model.graph()), model.opsets());
    return folded ? IrUpgrade.allowConstantInitializers(model) : model;
  }

  /** @return true when it folded something here or in a subgraph */
  private boolean fold(ConstantScope scope, Map<String, Long> opsets) {
    Graph g = scope.graph();
    boolean folded = false;
    for (Iterator<Node> it = g.nodes().iterator(); it.hasNext(); ) {
      Node n = it.next();
      for (Graph sub : n.subgraphs()) {
        folded |= fold(scope.child(sub), opsets);
      }
      List<Tensor> values = NodeErrors.at(n, () -> evaluate(n, scope, opsets));
      if (values == null) {
        continue;
      }
      folded = true;
      for (int k = 0; k < n.outputs().size(); k++) {
        String out = n.outputs().get(k);
        if (!out.isEmpty()) {
          g.initializers().put(out, values.get(k));
          g.valueTypes().remove(out); // the initializer carries its own type
          scope.put(out, values.get(k));
        }
      }
      it.remove();
    }
    return folded;
  }

  /** @return the node's output values, or null when it stays */
  private List<Tensor> evaluate(Node n, ConstantScope scope, Map<String, Long> opsets) {
    FoldKernel kernel = n.domain().equals(Node.DEFAULT_DOMAIN) ? FoldKernels.of(n.opType())
        : null;
    if (kernel == null) {
      return null;
    }
    long version = OperatorSets.sinceVersion(n.domain(), n.opType(),
        opsets.getOrDefault(n.domain(), 0L)).orElse(0L);
    boolean shapeOnly = GeneratorKernels.readsShapeOnly(n.opType());
    List<Tensor> inputs = new ArrayList<>();
    for (String in : n.inputs()) {
      Tensor value = in.isEmpty() ? null : scope.get(in);
      if (value == null && !in.isEmpty() && !shapeOnly) {
        return null; // an input that is not constant
      }
      inputs.add(value);
    }
    if (version == 0) {
      return null;
    }
    try {
      List<Tensor> out = kernel.fold(new FoldContext(n, version, inputs, scope::typeOf,
          maxElements));
      boolean free = n.opType().equals("Constant"); // its value is in memory already
      for (Tensor t : out) {
        if (t.size() > maxElements && !free) {
          return null;
        }
      }
      return out.size() >= n.outputs().size() ? out : null;
    } catch (NotFoldable e) {
      return null;
    }
  }
}
