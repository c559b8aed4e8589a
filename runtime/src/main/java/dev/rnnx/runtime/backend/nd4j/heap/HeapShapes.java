package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.Broadcast;
import dev.rnnx.runtime.backend.nd4j.kernels.Moves;
import dev.rnnx.runtime.backend.nd4j.kernels.NdArrays;
import dev.rnnx.runtime.backend.nd4j.kernels.ShapeMath;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Layout and shape operators on the heap path, their shape arithmetic shared with the ND4J
 * kernels ({@link ShapeMath}): reshapes share the input's array, views (Transpose, Slice,
 * Split, Expand, Gather) are one indexed copy.
 */
final class HeapShapes {
  private HeapShapes() {}

  static void registerAll(HeapRegistry r) {
    r.add("Identity", 1, (n, c) -> (in, s) -> one(in[0]));
    r.add("Dropout", 1, HeapShapes::inferenceDropout);
    r.add("Shape", 1, (n, c) -> (in, s) -> one(vector(ShapeMath.shapeRange(in[0].shape,
        n.intAttr("start", 0), n.attribute("end").map(Attribute::asInt).orElse(null)))));
    r.add("Size", 1, (n, c) -> (in, s) -> one(Dense.longs(ElementType.INT64, new long[0],
        new long[] {in[0].size()})));
    r.add("Reshape", 5, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.reshape(
        in[0].shape, in[1].asLongs(), n.intAttr("allowzero", 0) == 1))));
    r.add("Flatten", 1, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.flatten(
        in[0].shape, n.intAttr("axis", 1)))));
    r.add("Squeeze", 1, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.squeeze(in[0].shape,
        n.attribute("axes").map(Attribute::asInts).orElse(null)))));
    r.add("Squeeze", 13, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.squeeze(in[0].shape,
        in.length > 1 && in[1] != null ? in[1].asLongs() : null))));
    r.add("Unsqueeze", 1, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.unsqueeze(
        in[0].shape, n.attribute("axes").orElseThrow().asInts()))));
    r.add("Unsqueeze", 13, (n, c) -> (in, s) -> one(in[0].reshaped(ShapeMath.unsqueeze(
        in[0].shape, in[1].asLongs()))));
    r.add("Transpose", 1, (n, c) -> (in, s) -> one(view(in[0], ShapeMath.transpose(
        in[0].shape, n.attribute("perm").map(Attribute::asInts).orElse(null)))));
    r.add("Slice", 1, (n, c) -> (in, s) -> one(view(in[0], ShapeMath.slice(in[0].shape,
        n.attribute("starts").orElseThrow().asInts(), n.attribute("ends").orElseThrow().asInts(),
        n.attribute("axes").map(Attribute::asInts).orElse(null), null))));
    r.add("Slice", 10, (n, c) -> (in, s) -> one(view(in[0], ShapeMath.slice(in[0].shape,
        in[1].asLongs(), in[2].asLongs(), optional(in, 3), optional(in, 4)))));
    r.add("Split", 1, (n, c) -> (in, s) -> split(n, in[0], n.attribute("split")
        .map(Attribute::asInts).orElse(optional(in, 1))));
    r.add("Split", 13, (n, c) -> (in, s) -> split(n, in[0], optional(in, 1)));
    r.add("Concat", 1, (n, c) -> (in, s) -> one(concat(in, n.intAttr("axis", 1))));
    r.add("Gather", 1, (n, c) -> (in, s) -> one(gather(in[0], in[1], n.intAttr("axis", 0))));
    r.add("Expand", 8, (n, c) -> (in, s) -> one(expand(in[0], in[1].asLongs())));
    r.add("ConstantOfShape", 9, HeapShapes::constantOfShape);
  }

  /** Dropout at inference: the identity, mask all true. Training mode (opset 12+) is declined. */
  private static HeapKernel inferenceDropout(Node n, HeapContext c) {
    boolean training = n.input(2).isPresent()
        && c.constant(2).map(t -> t.get(0) != 0).orElse(true);
    return training ? null : (in, s) -> new Dense[] {in[0], ones(in[0].shape)};
  }

  private static Dense[] one(Dense d) {
    return new Dense[] {d};
  }

  private static long[] optional(Dense[] in, int i) {
    return in.length > i && in[i] != null ? in[i].asLongs() : null;
  }

  private static Dense vector(long[] values) {
    return Dense.longs(ElementType.INT64, new long[] {values.length}, values);
  }

  private static Dense ones(long[] shape) {
    long[] v = new long[Dense.count(shape)];
    Arrays.fill(v, 1);
    return Dense.longs(ElementType.BOOL, shape, v);
  }

  private static Dense view(Dense x, ShapeMath.View v) {
    return Strided.copy(x, v.shape(), v.strides(), v.offset());
  }

  private static Dense[] split(Node n, Dense x, long[] sizes) {
    int axis = NdArrays.axis(n.intAttr("axis", 0), x.rank());
    long[] lengths = ShapeMath.splitLengths(x.shape[axis], n.outputs().size(), sizes);
    Dense[] out = new Dense[lengths.length];
    long start = 0;
    for (int i = 0; i < lengths.length; i++) {
      out[i] = view(x, ShapeMath.slice(x.shape, new long[] {start},
          new long[] {start + lengths[i]}, new long[] {axis}, null));
      start += lengths[i];
    }
    return out;
  }

  /** @return the present parts joined along an axis */
  private static Dense concat(Dense[] parts, long axisAttr) {
    List<Dense> present = new ArrayList<>();
    for (Dense p : parts) {
      if (p != null) {
        present.add(p);
      }
    }
    Dense first = present.get(0);
    int axis = NdArrays.axis(axisAttr, first.rank());
    long[] shape = first.shape.clone();
    shape[axis] = present.stream().mapToLong(p -> p.shape[axis]).sum();
    int outer = NdArrays.count(Arrays.copyOfRange(shape, 0, axis));
    int inner = NdArrays.count(Arrays.copyOfRange(shape, axis + 1, shape.length));
    Object out = first.isFloat() ? new float[Dense.count(shape)] : new long[Dense.count(shape)];
    int offset = 0;
    for (int o = 0; o < outer; o++) {
      for (Dense p : present) {
        int chunk = (int) p.shape[axis] * inner;
        System.arraycopy(p.isFloat() ? p.f : p.l, o * chunk, out, offset, chunk);
        offset += chunk;
      }
    }
    return first.isFloat() ? Dense.floats(shape, (float[]) out)
        : Dense.longs(first.type, shape, (long[]) out);
  }

  private static Dense gather(Dense data, Dense indices, long axisAttr) {
    int axis = NdArrays.axis(axisAttr, data.rank());
    long[] shape = ShapeMath.gatherShape(data.shape, axis, indices.shape);
    int[] map = ShapeMath.gatherMap(data.shape, axis, indices.asLongs());
    return Strided.gather(data, shape, map);
  }

  private static Dense expand(Dense x, long[] target) {
    long[] shape = Broadcast.shape(x.shape, target);
    return Strided.copy(x, shape, Moves.broadcastStrides(x.shape, shape), 0);
  }

  private static HeapKernel constantOfShape(Node n, HeapContext c) {
    Tensor value = n.attribute("value").map(Attribute::asTensor)
        .orElse(Tensor.of(new float[] {0f}, 1));
    if (!Dense.carries(value.type())) {
      return null;
    }
    Dense one = Dense.of(value);
    return (in, s) -> {
      long[] shape = in[0].asLongs().clone();
      int[] map = new int[Dense.count(shape)]; // every element reads the single value
      return one(Strided.gather(one, shape, map));
    };
  }
}
