package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;
import java.util.List;
import java.util.Map;

/**
 * ReduceSum and ReduceProd of integer tensors (as exporters use them on shapes), in 64-bit
 * arithmetic wrapped to the element type. Float reductions stay: their result depends on the
 * order of summation.
 */
final class ReductionKernels {
  private ReductionKernels() {}

  /** @param kernels where to add this family's kernels, by operator */
  static void register(Map<String, FoldKernel> kernels) {
    kernels.put("ReduceSum", c -> List.of(reduce(c, 0, false)));
    kernels.put("ReduceProd", c -> List.of(reduce(c, 1, true)));
  }

  private static Tensor reduce(FoldContext c, long identity, boolean product) {
    Tensor in = c.input(0);
    if (!in.type().isInteger()) {
      throw new NotFoldable("a reduction over " + in.type());
    }
    Node n = c.node();
    long[] shape = in.shape();
    long[] axes;
    if (ReductionRules.axesAsInput(n.opType(), c.version())) {
      axes = n.input(1).isPresent() ? c.longs(1) : new long[0];
      if (axes.length == 0 && n.intAttr("noop_with_empty_axes", 0) == 1) {
        return in;
      }
    } else {
      axes = n.attribute("axes").map(a -> a.asInts()).orElse(new long[0]);
    }
    boolean[] reduced = new boolean[shape.length];
    for (long a : axes) {
      reduced[Dims.axis(a, shape.length)] = true;
    }
    if (axes.length == 0) {
      java.util.Arrays.fill(reduced, true);
    }
    boolean keep = n.intAttr("keepdims", 1) == 1;
    long[] kept = new long[shape.length]; // the result's dims, reduced ones as 1
    int outRank = 0;
    for (int k = 0; k < shape.length; k++) {
      kept[k] = reduced[k] ? 1 : shape[k];
      outRank += reduced[k] && !keep ? 0 : 1;
    }
    long[] outShape = new long[outRank];
    for (int k = 0, j = 0; k < shape.length; k++) {
      if (!reduced[k] || keep) {
        outShape[j++] = kept[k];
      }
    }
    long[] acc = new long[Math.toIntExact(Tensor.elementCount(kept))];
    java.util.Arrays.fill(acc, identity);
    long[] strides = Indexing.strides(kept);
    long[] counter = new long[shape.length];
    for (int i = 0; i < in.size(); i++) {
      int at = 0;
      for (int k = 0; k < shape.length; k++) {
        at += reduced[k] ? 0 : (int) (counter[k] * strides[k]);
      }
      acc[at] = product ? acc[at] * in.getLong(i) : acc[at] + in.getLong(i);
      for (int k = shape.length - 1; k >= 0 && ++counter[k] == shape[k]; k--) {
        counter[k] = 0;
      }
    }
    TensorWriter w = new TensorWriter(in.type(), outShape);
    for (int i = 0; i < acc.length; i++) {
      w.setLong(i, acc[i]);
    }
    return w.build();
  }
}
