package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Operators that make tensors from attributes or shapes: Constant (converted once, at
 * compile time), ConstantOfShape, Range, Shape, Size, and the type conversions Cast and
 * CastLike.
 */
final class GeneratorKernels {
  private GeneratorKernels() {}

  static void registerAll(KernelRegistry r) {
    r.add("Constant", 1, (n, c) -> {
      INDArray value = c.keep(NdTensors.toNd4j(constantValue(n)));
      return (in, s) -> LayoutKernels.out(value);
    });
    r.add("ConstantOfShape", 9, (n, c) -> {
      Tensor value = n.attribute("value").map(Attribute::asTensor)
          .orElse(Tensor.of(new float[] {0f}, 1));
      INDArray one = c.keep(NdTensors.toNd4j(value.reshape()));
      return (in, s) -> LayoutKernels.out(filled(one, NdArrays.longs(in[0])));
    });
    r.simple("Range", 11, in -> range(in[0], in[1], in[2]));
    r.add("Shape", 1, (n, c) -> (in, s) -> LayoutKernels.out(shape(in[0].shape(),
        n.intAttr("start", 0), n.attribute("end").map(Attribute::asInt).orElse(null))));
    r.simple("Size", 1, in -> NdArrays.of(DataType.LONG, new long[0],
        new long[] {in[0].length()}));
    r.add("Cast", 1, (n, c) -> {
      DataType to = NdTensors.dataType(ElementType.fromOnnx((int) n.intAttr("to", 0))
          .orElseThrow(() -> new RnnxException(ErrorCode.UNSUPPORTED, "Cast to type "
              + n.intAttr("to", 0))));
      return (in, s) -> LayoutKernels.out(cast(in[0], to));
    });
    r.simple("CastLike", 15, in -> cast(in[0], in[1].dataType()));
  }

  private static Tensor constantValue(Node n) {
    if (n.attribute("value").isPresent()) {
      return n.attribute("value").get().asTensor();
    }
    if (n.attribute("value_float").isPresent()) {
      return Tensor.scalar(n.floatAttr("value_float", 0));
    }
    if (n.attribute("value_floats").isPresent()) {
      float[] v = n.attribute("value_floats").get().asFloats();
      return Tensor.of(v, v.length);
    }
    if (n.attribute("value_int").isPresent()) {
      return Tensor.scalar(n.intAttr("value_int", 0));
    }
    if (n.attribute("value_ints").isPresent()) {
      long[] v = n.attribute("value_ints").get().asInts();
      return Tensor.of(v, v.length);
    }
    throw new RnnxException(ErrorCode.UNSUPPORTED, "Constant with attributes "
        + n.attributes().keySet() + " (strings and sparse values are not supported)");
  }

  /** @return a tensor of the shape with every element the one of {@code one} */
  private static INDArray filled(INDArray one, long[] shape) {
    int n = NdArrays.count(shape);
    return Moves.gather(one, shape, new int[n], null);
  }

  private static INDArray range(INDArray start, INDArray limit, INDArray delta) {
    double a = NdArrays.doubles(start)[0];
    double b = NdArrays.doubles(limit)[0];
    double d = NdArrays.doubles(delta)[0];
    int n = (int) Math.max(Math.ceil((b - a) / d), 0);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = a + i * d;
    }
    return NdArrays.of(start.dataType(), new long[] {n}, v);
  }

  /** Shape-15 slices the shape by start and end, clamped like Slice. */
  private static INDArray shape(long[] dims, long start, Long end) {
    int rank = dims.length;
    long from = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
    long e = end == null ? rank : end;
    long to = Math.max(0, Math.min(rank, e < 0 ? e + rank : e));
    long[] out = to > from ? Arrays.copyOfRange(dims, (int) from, (int) to) : new long[0];
    return NdArrays.vector(out);
  }

  /** Cast as C would: floats truncate to integers, non-zero is true. */
  static INDArray cast(INDArray x, DataType to) {
    if (x.dataType() == to) {
      return x;
    }
    boolean exact = (NdArrays.isInteger(x.dataType()) || x.dataType() == DataType.BOOL)
        && (NdArrays.isInteger(to) || to == DataType.BOOL);
    if (exact) {
      return NdArrays.of(to, x.shape(), NdArrays.longs(x));
    }
    if (NdArrays.isFloating(x.dataType()) && NdArrays.isFloating(to)) {
      return x.isEmpty() ? NdArrays.zeros(to, x.shape()) : x.castTo(to);
    }
    return NdArrays.of(to, x.shape(), NdArrays.doubles(x));
  }
}
