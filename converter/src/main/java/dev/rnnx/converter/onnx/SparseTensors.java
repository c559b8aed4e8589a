package dev.rnnx.converter.onnx;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.SparseTensor;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;

/** Checks and densifies ONNX sparse tensors. */
final class SparseTensors {
  private SparseTensors() {}

  static void check(SparseTensor s, String what) {
    long[] dims = s.dims().stream().mapToLong(Long::longValue).toArray();
    long dense;
    try {
      dense = Tensor.elementCount(dims);
    } catch (RnnxException e) {
      throw new ModelFormatException(what + ": " + e.getMessage());
    }
    Tensor values = s.values();
    Tensor indices = s.indices();
    if (values.rank() != 1) {
      throw new ModelFormatException(what + ": sparse values must have rank 1, got "
          + values.describe());
    }
    long nnz = values.dim(0);
    boolean flat = indices.rank() == 1 && indices.dim(0) == nnz;
    boolean coordinates = indices.rank() == 2 && indices.dim(0) == nnz
        && indices.dim(1) == dims.length;
    if (!indices.type().isInteger() || !(flat || coordinates)) {
      throw new ModelFormatException(what + ": sparse indices must be integers of shape ["
          + nnz + "] or [" + nnz + ", " + dims.length + "], got " + indices.describe());
    }
    for (int i = 0; i < nnz; i++) {
      long index = flatIndex(s, dims, i, coordinates);
      if (index < 0 || index >= dense) {
        throw new ModelFormatException(what + ": sparse index " + index + " lies outside "
            + dense + " elements");
      }
    }
  }

  private static long flatIndex(SparseTensor s, long[] dims, int i, boolean coordinates) {
    if (!coordinates) {
      return s.indices().getLong(i);
    }
    long index = 0;
    for (int d = 0; d < dims.length; d++) {
      long c = s.indices().getLong(i * dims.length + d);
      if (c < 0 || c >= dims[d]) {
        return -1;
      }
      index = index * dims[d] + c;
    }
    return index;
  }

  static Tensor densify(SparseTensor s) {
    long[] dims = s.dims().stream().mapToLong(Long::longValue).toArray();
    boolean coordinates = s.indices().rank() == 2;
    if (s.values().type() == ElementType.STRING) {
      String[] out = new String[Math.toIntExact(Tensor.elementCount(dims))];
      java.util.Arrays.fill(out, "");
      for (int i = 0; i < s.values().size(); i++) {
        out[(int) flatIndex(s, dims, i, coordinates)] = s.values().strings().get(i);
      }
      return Tensor.of(out, dims);
    }
    TensorWriter w = new TensorWriter(s.values().type(), dims);
    for (int i = 0; i < s.values().size(); i++) {
      w.setDouble((int) flatIndex(s, dims, i, coordinates), s.values().getDouble(i));
    }
    return w.build();
  }
}
