package dev.rnnx.testdata.zoo;

import dev.rnnx.tensor.Tensor;
import java.util.Random;

/**
 * Seeded random tensors for the zoo. Every model draws from its own generator seeded from the
 * model's name, so adding or reordering models never changes another model's files.
 */
final class Weights {
  private final Random random;

  /** @param modelName the model's name; its {@link String#hashCode} (fixed by the JLS) seeds */
  Weights(String modelName) {
    this.random = new Random(modelName.hashCode());
  }

  /**
   * Uniform values in {@code [-bound, bound]}, PyTorch's initialization for recurrent layers
   * with {@code bound = 1/sqrt(hidden)}.
   *
   * @param bound the half-width
   * @param shape the dims
   * @return a float32 tensor
   */
  Tensor uniform(double bound, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return Tensor.of(v, shape);
  }

  /**
   * Normally distributed values, for model inputs.
   *
   * @param scale the standard deviation
   * @param shape the dims
   * @return a float32 tensor
   */
  Tensor normal(double scale, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return Tensor.of(v, shape);
  }
}
