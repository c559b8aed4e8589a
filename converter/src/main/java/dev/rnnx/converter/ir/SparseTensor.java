package dev.rnnx.converter.ir;

import dev.rnnx.tensor.Tensor;
import java.util.List;

/**
 * A sparse constant as ONNX stores it: the non-default values, their indices (either [NNZ] flat
 * indices or [NNZ, rank] coordinates), and the dense shape.
 *
 * @param values the values, shape [NNZ]
 * @param indices int64 indices
 * @param dims the dense shape
 */
public record SparseTensor(Tensor values, Tensor indices, List<Long> dims) {
  /** Copies the dims. */
  public SparseTensor {
    dims = List.copyOf(dims);
  }
}
