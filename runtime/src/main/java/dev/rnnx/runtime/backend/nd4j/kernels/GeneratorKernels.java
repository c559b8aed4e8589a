package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;
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
      ElementType to = ElementType.fromOnnx((int) n.intAttr("to", 0)).orElseThrow(
          () -> new RnnxException(ErrorCode.UNSUPPORTED, "Cast to type " + n.intAttr("to", 0)));
      NdTensors.holder(to); // refuses types ND4J cannot hold, at compile time
      return (in, s) -> LayoutKernels.out(castTo(in[0], to, n));
    });
    r.add("CastLike", 15, (n, c) -> {
      Optional<ElementType> declared = c.declaredType(1);
      return (in, s) -> LayoutKernels.out(declared.isPresent()
          ? castTo(in[0], declared.get(), n) : cast(in[0], in[1].dataType()));
    });
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
    return NdArrays.vector(ShapeMath.shapeRange(dims, start, end));
  }

  /**
   * Cast to an ONNX type. A type ND4J has no array type for is carried (see {@link NdTensors}):
   * 8- and 4-bit floats as float values rounded to the format (round to nearest even;
   * float8e8m0 by round_mode), saturating or (saturate=0) overflowing to NaN or infinity as the
   * spec's tables have it; 4- and 2-bit integers as C casts wrapped to their width.
   */
  static INDArray castTo(INDArray x, ElementType to, Node n) {
    if (!NdTensors.isCarried(to)) {
      return cast(x, NdTensors.dataType(to));
    }
    boolean saturate = n.intAttr("saturate", 1) == 1;
    double[] v = NdArrays.doubles(x);
    long[] shape = x.shape();
    if (to == ElementType.FLOAT8E8M0 && !n.stringAttr("round_mode", "up").equals("nearest")) {
      boolean up = n.stringAttr("round_mode", "up").equals("up");
      for (int i = 0; i < v.length; i++) {
        v[i] = powerOfTwo(v[i], up, saturate);
      }
    } else if (to.isFloatingPoint()) {
      double max = largestFinite(to);
      for (int i = 0; i < v.length; i++) {
        if (Double.isInfinite(v[i]) && saturate) {
          v[i] = Math.copySign(max, v[i]);
        } else if (Double.isNaN(v[i]) && to == ElementType.FLOAT4E2M1) {
          v[i] = -0.0; // float4e2m1 has no NaN; ONNX's reference casts it to -0
        }
      }
      double[] q = Tensor.ofDoubles(to, v, shape).toDoubleArray();
      for (int i = 0; !saturate && i < v.length; i++) {
        q[i] = overflowed(to, v[i], q[i]);
      }
      v = q;
    } else {
      int bits = 64 - to.bits();
      boolean signed = to == ElementType.INT4 || to == ElementType.INT2;
      for (int i = 0; i < v.length; i++) {
        long wrapped = (long) v[i] << bits;
        v[i] = signed ? wrapped >> bits : wrapped >>> bits;
      }
    }
    return NdArrays.of(NdTensors.holder(to), shape, v);
  }

  /** @return the largest finite value of an 8- or 4-bit float format */
  private static double largestFinite(ElementType to) {
    return switch (to) {
      case FLOAT8E4M3FN -> 448;
      case FLOAT8E4M3FNUZ -> 240;
      case FLOAT8E5M2, FLOAT8E5M2FNUZ -> 57344;
      case FLOAT4E2M1 -> 6;
      default -> 0x1p127;
    };
  }

  /** float8e8m0 with round_mode up or down: the power of two at or above (below) v. */
  private static double powerOfTwo(double v, boolean up, boolean saturate) {
    if (Double.isNaN(v) || (!saturate && (Double.isInfinite(v) || v > 0x1p127))) {
      return Double.NaN;
    }
    if (Double.isInfinite(v) || v >= 0x1p127) {
      return 0x1p127;
    }
    if (v <= 0x1p-127) {
      return 0x1p-127;
    }
    int e = Math.getExponent(v);
    if (up && v > Math.scalb(1.0, e)) {
      e++;
    }
    return Math.scalb(1.0, Math.max(-127, Math.min(127, e)));
  }

  /**
   * Non-saturating 8-bit float casts: a value that rounds past the largest finite one becomes
   * infinity (float8e5m2) or NaN (the formats without infinities).
   */
  private static double overflowed(ElementType to, double v, double rounded) {
    double limit = switch (to) {
      case FLOAT8E4M3FN -> 464; // 448 plus half its ulp
      case FLOAT8E4M3FNUZ -> 248;
      case FLOAT8E5M2, FLOAT8E5M2FNUZ -> 61440;
      default -> Double.POSITIVE_INFINITY;
    };
    if (Double.isNaN(v) || Math.abs(v) < limit) {
      return rounded;
    }
    return to == ElementType.FLOAT8E5M2 ? Math.copySign(Double.POSITIVE_INFINITY, v) : Double.NaN;
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
