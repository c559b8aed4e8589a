package dev.rnnx.runtime.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Interpolating operators whose old versions ONNX Runtime still implements: the model run by
 * ONNX Runtime as it is, and upgraded by RNNX, give the same results.
 */
class UpgradeAgainstOrtTest {
  private static Tensor random(long seed, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Tensor.of(v, shape);
  }

  /** Upgraded as far as the newest opset of the window. */
  private static void assertSameAsOrt(LegacyModel m, String output) throws OrtException {
    m.outputs(output);
    assertSame(RawOrt.run(m.model(), m.feeds()).get(0), m.runUpgraded().get(0));
  }

  private static void assertSame(Tensor asItIs, Tensor upgraded) {
    assertEquals("", TensorComparison.mismatch(asItIs, upgraded, 1e-5, 1e-6).orElse(""));
  }

  @Test
  void gridSample16Bilinear() throws OrtException {
    assertSameAsOrt(LegacyModel.at(16).input("x", random(1, 1, 2, 4, 5))
        .input("grid", random(2, 1, 3, 3, 2))
        .node("GridSample", List.of("x", "grid"), List.of("y")), "y");
    assertSameAsOrt(LegacyModel.at(16).input("x", random(3, 1, 1, 4, 4))
        .input("grid", random(4, 1, 2, 2, 2)).node("GridSample", List.of("x", "grid"),
            List.of("y"), Attribute.of("mode", "bicubic"), Attribute.of("align_corners", 1L)),
        "y");
  }

  @Test
  void roiAlign10SamplesAtOutputHalfPixels() throws OrtException {
    // ONNX Runtime has no RoiAlign-22, so this one goes as far as the default window (16)
    LegacyModel m = LegacyModel.at(10).input("x", random(5, 1, 2, 6, 6))
        .input("rois", Tensor.of(new float[] {0.5f, 1, 4, 5.5f, 1, 0, 3, 3}, 2, 4))
        .constant("batch", Tensor.of(new long[] {0, 0}, 2))
        .node("RoiAlign", List.of("x", "rois", "batch"), List.of("y"),
            Attribute.of("output_height", 2L), Attribute.of("output_width", 3L),
            Attribute.of("sampling_ratio", 2L)).outputs("y");
    assertSame(RawOrt.run(m.model(), m.feeds()).get(0), m.run().get(0));
  }

  @Test
  void resize11TfHalfPixelForNearest() throws OrtException {
    for (String nearest : List.of("floor", "round_prefer_floor")) {
      assertSameAsOrt(LegacyModel.at(11).input("x", random(6, 1, 1, 3, 5))
          .constant("roi", Tensor.of(new float[0], 0))
          .constant("scales", Tensor.of(new float[] {1, 1, 1.7f, 0.6f}, 4))
          .node("Resize", List.of("x", "roi", "scales"), List.of("y"),
              Attribute.of("coordinate_transformation_mode", "tf_half_pixel_for_nn"),
              Attribute.of("nearest_mode", nearest)), "y");
    }
  }

  @Test
  void upsample9Linear() throws OrtException {
    assertSameAsOrt(LegacyModel.at(9).input("x", random(7, 1, 2, 3, 3))
        .constant("scales", Tensor.of(new float[] {1, 1, 2, 1.5f}, 4))
        .node("Upsample", List.of("x", "scales"), List.of("y"), Attribute.of("mode", "linear")),
        "y");
  }

  @Test
  void dft17AlongItsDefaultAxisOne() throws OrtException {
    assertSameAsOrt(LegacyModel.at(17).input("x", random(8, 2, 4, 3, 1))
        .node("DFT", List.of("x"), List.of("y")), "y");
  }

  @Test
  void softmax11AtAnInnerAxis() throws OrtException {
    assertSameAsOrt(LegacyModel.at(11).input("x", random(9, 2, 3, 2, 2))
        .node("Softmax", List.of("x"), List.of("y"), Attribute.of("axis", 2L)), "y");
  }
}
