package dev.rnnx.converter.onnx;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.SparseTensor;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorWriter;

/**
 * Checks and densifies ONNX sparse tensors. Densifying amplifies: a few stored values may claim
 * gigabytes of zeros, so the dense tensor may hold at most {@link #MAX_DENSE_PER_VALUE} elements
 * per stored value, or {@link #MIN_DENSE_LIMIT} when that is more.
 */
final class SparseTensors {
  /** Dense elements always allowed, whatever the number of stored values. */
  static final long MIN_DENSE_LIMIT = 1 << 22;
  /** Dense elements allowed per stored value beyond {@link #MIN_DENSE_LIMIT}: 0.1% density. */
  static final long MAX_DENSE_PER_VALUE = 1024;

  private SparseTensors() {}

  static void check(SparseTensor s, String what) {
    long[] dims = s.dims().stream().mapToLong(Long::longValue).toArray();
    Tensor values = s.values();
    long dense;
    try {
      dense = Tensor.elementCount(dims);
      // the dense tensor must fit one array; a string costs (at least) an 8-byte reference
      Tensor.byteSize(values.type() == ElementType.STRING ? ElementType.INT64 : values.type(),
          dims);
    } catch (RnnxException e) {
      throw new ModelFormatException(what + ": " + e.getMessage(), e);
    }
    Tensor indices = s.indices();
    if (values.rank() != 1) {
      throw new ModelFormatException(what + ": sparse values must have rank 1, got "
          + values.describe());
    }
    long nnz = values.dim(0);
    long limit = Math.max(MIN_DENSE_LIMIT, MAX_DENSE_PER_VALUE * nnz);
    if (dense > limit) {
      throw new ModelFormatException(what + ": " + nnz + " stored values would densify to "
          + dense + " elements, more than " + limit + " (at least 1 in "
          + MAX_DENSE_PER_VALUE + " must be stored)");
    }
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

  /** @return the dense tensor of a {@linkplain #check checked} sparse one, values bit for bit */
  static Tensor densify(SparseTensor s) {
    long[] dims = s.dims().stream().mapToLong(Long::longValue).toArray();
    boolean coordinates = s.indices().rank() == 2;
    Tensor values = s.values();
    if (values.type() == ElementType.STRING) {
      String[] out = new String[(int) Tensor.elementCount(dims)];
      java.util.Arrays.fill(out, "");
      for (int i = 0; i < values.size(); i++) {
        out[(int) flatIndex(s, dims, i, coordinates)] = values.strings().get(i);
      }
      return Tensor.of(out, dims);
    }
    if (values.type().bits() % 8 == 0) {
      int width = values.type().bits() / 8;
      byte[] in = values.toBytes();
      byte[] out = new byte[Tensor.byteSize(values.type(), dims)];
      for (int i = 0; i < values.size(); i++) {
        System.arraycopy(in, i * width, out, (int) flatIndex(s, dims, i, coordinates) * width,
            width);
      }
      return Tensor.fromBytes(values.type(), dims, out);
    }
    // sub-byte types: integers keep their bits through longs, float4 values through doubles
    TensorWriter w = new TensorWriter(values.type(), dims);
    for (int i = 0; i < values.size(); i++) {
      int at = (int) flatIndex(s, dims, i, coordinates);
      if (values.type().isFloatingPoint()) {
        w.setDouble(at, values.getDouble(i));
      } else {
        w.setLong(at, values.getLong(i));
      }
    }
    return w.build();
  }
}
