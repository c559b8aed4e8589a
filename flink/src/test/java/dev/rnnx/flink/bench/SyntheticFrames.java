package dev.rnnx.flink.bench;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.flink.Frame;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Random frames for many keys, key-interleaved: index i is frame i / keys of key i % keys.
 * Every frame input gets its declared type and shape, symbolic dims 1; floating-point inputs
 * are gaussian, others 1. The same index always gives the same frame.
 */
final class SyntheticFrames implements GeneratorFunction<Long, Frame>, Serializable {
  private static final long serialVersionUID = 1L;

  private final int keys;
  private final ArrayList<String> names = new ArrayList<>();
  private final ArrayList<ElementType> types = new ArrayList<>();
  private final ArrayList<long[]> shapes = new ArrayList<>();

  SyntheticFrames(int keys, List<TensorSpec> frameInputs) {
    this.keys = keys;
    for (TensorSpec s : frameInputs) {
      names.add(s.name());
      types.add(s.type() == null ? ElementType.FLOAT : s.type());
      shapes.add(s.dims() == null ? new long[] {1}
          : s.dims().stream().mapToLong(d -> d instanceof Dim.Fixed f ? f.size() : 1).toArray());
    }
  }

  @Override
  public Frame map(Long index) {
    return new Frame("k" + (index % keys), frame(index));
  }

  /** @return the inputs of frame {@code index} */
  Map<String, Tensor> frame(long index) {
    SplittableRandom r = new SplittableRandom(index);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      ElementType type = types.get(i);
      double[] v = new double[Math.toIntExact(Tensor.elementCount(shapes.get(i)))];
      for (int j = 0; j < v.length; j++) {
        v[j] = type.isFloatingPoint() ? r.nextDouble(-1, 1) : 1;
      }
      inputs.put(names.get(i), Tensor.ofDoubles(type, v, shapes.get(i)));
    }
    return inputs;
  }
}
