package dev.rnnx.runtime.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Models at old opsets, most of which ONNX Runtime 1.29 no longer runs as they are, run
 * through RNNX (whose opset upgrade rewrites them) on ONNX Runtime; each expected output is
 * computed here in plain Java from the old version's definition in ONNX's Changelog.md.
 */
class LegacyOpsetTest {
  private static Tensor random(long seed, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 4 - 2);
    }
    return Tensor.of(v, shape);
  }

  private static void assertClose(Tensor expected, Tensor actual) {
    assertEquals("", TensorComparison.mismatch(expected, actual, 1e-5, 1e-6).orElse(""));
  }

  private static Attribute i(String name, long v) {
    return Attribute.of(name, v);
  }

  // --- legacy broadcasting (Add/Mul-6, Pow-1, And-1, Gemm-6, PRelu-6)

  @Test
  void add6BroadcastsBAtTheGivenAxis() {
    Tensor a = random(1, 2, 3, 4, 5);
    Tensor b = random(2, 3, 4);
    float[] c = new float[a.size()];
    for (int n = 0; n < 2; n++) {
      for (int ch = 0; ch < 3; ch++) {
        for (int h = 0; h < 4; h++) {
          for (int w = 0; w < 5; w++) {
            int k = ((n * 3 + ch) * 4 + h) * 5 + w;
            c[k] = a.getFloat(k) + b.getFloat(ch * 4 + h);
          }
        }
      }
    }
    assertClose(Tensor.of(c, 2, 3, 4, 5), LegacyModel.at(6).input("a", a).input("b", b)
        .node("Add", List.of("a", "b"), List.of("c"), i("broadcast", 1), i("axis", 1))
        .run("c").get(0));
  }

  @Test
  void mul6WithoutAxisMatchesTheTrailingDims() {
    Tensor a = random(3, 2, 3);
    Tensor b = random(4, 3);
    float[] c = new float[6];
    for (int k = 0; k < 6; k++) {
      c[k] = a.getFloat(k) * b.getFloat(k % 3);
    }
    assertClose(Tensor.of(c, 2, 3), LegacyModel.at(6).input("a", a).input("b", b)
        .node("Mul", List.of("a", "b"), List.of("c"), i("broadcast", 1)).run("c").get(0));
  }

  @Test
  void pow1AndAnd1BroadcastAlongTheFirstAxis() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor e = Tensor.of(new float[] {2, 0.5f}, 2);
    float[] p = new float[6];
    for (int k = 0; k < 6; k++) {
      p[k] = (float) Math.pow(x.getFloat(k), e.getFloat(k / 3));
    }
    assertClose(Tensor.of(p, 2, 3), LegacyModel.at(1).input("x", x).input("e", e)
        .node("Pow", List.of("x", "e"), List.of("y"), i("broadcast", 1), i("axis", 0))
        .run("y").get(0));
    Tensor a = Tensor.of(new boolean[] {true, false, true, true, true, false}, 2, 3);
    Tensor b = Tensor.of(new boolean[] {true, false}, 2);
    assertEquals(Tensor.of(new boolean[] {true, false, true, false, false, false}, 2, 3),
        LegacyModel.at(1).input("a", a).input("b", b)
            .node("And", List.of("a", "b"), List.of("y"), i("broadcast", 1), i("axis", 0))
            .run("y").get(0));
  }

  @Test
  void gemm6BroadcastsCOverTheRows() {
    Tensor a = random(5, 2, 4);
    Tensor b = random(6, 4, 3);
    Tensor c = random(7, 3);
    float[] y = new float[6];
    for (int r = 0; r < 2; r++) {
      for (int col = 0; col < 3; col++) {
        float dot = 0;
        for (int k = 0; k < 4; k++) {
          dot += a.getFloat(r * 4 + k) * b.getFloat(k * 3 + col);
        }
        y[r * 3 + col] = 0.5f * dot + 2f * c.getFloat(col);
      }
    }
    assertClose(Tensor.of(y, 2, 3), LegacyModel.at(6).input("a", a).input("b", b)
        .input("c", c).node("Gemm", List.of("a", "b", "c"), List.of("y"), i("broadcast", 1),
            Attribute.of("alpha", 0.5f), Attribute.of("beta", 2f)).run("y").get(0));
  }

  @Test
  void prelu6WithOneSlopeForEverything() {
    Tensor x = random(8, 2, 3);
    Tensor slope = Tensor.of(new float[] {0.25f}, 1);
    float[] y = new float[6];
    for (int k = 0; k < 6; k++) {
      y[k] = x.getFloat(k) < 0 ? 0.25f * x.getFloat(k) : x.getFloat(k);
    }
    assertClose(Tensor.of(y, 2, 3), LegacyModel.at(6).input("x", x).input("s", slope)
        .node("PRelu", List.of("x", "s"), List.of("y")).run("y").get(0));
  }

  // --- BatchNormalization-6 and -7

  /** Per channel c of X [2, 3, 2]: scale, B, mean and var are [3]. */
  private static float[] batchNormTest(Tensor x, Tensor scale, Tensor bias, Tensor mean,
      Tensor var, float eps) {
    float[] y = new float[x.size()];
    for (int k = 0; k < y.length; k++) {
      int c = (k / 2) % 3;
      y[k] = (float) (scale.getFloat(c) * (x.getFloat(k) - mean.getFloat(c))
          / Math.sqrt(var.getFloat(c) + eps) + bias.getFloat(c));
    }
    return y;
  }

  @Test
  void batchNorm6InTestModeUsesTheGivenStatistics() {
    Tensor x = random(9, 2, 3, 2);
    Tensor scale = random(10, 3);
    Tensor bias = random(11, 3);
    Tensor mean = random(12, 3);
    Tensor var = Tensor.of(new float[] {0.5f, 1f, 2f}, 3);
    assertClose(Tensor.of(batchNormTest(x, scale, bias, mean, var, 1e-3f), 2, 3, 2),
        LegacyModel.at(6).input("x", x).input("s", scale).input("b", bias).input("m", mean)
            .input("v", var).node("BatchNormalization", List.of("x", "s", "b", "m", "v"),
                List.of("y"), i("is_test", 1), Attribute.of("epsilon", 1e-3f)).run("y").get(0));
  }

  @Test
  void batchNorm6WithoutIsTestTrainsOnTheBatchStatistics() {
    Tensor x = random(13, 2, 3, 2);
    Tensor scale = random(14, 3);
    Tensor bias = random(15, 3);
    Tensor mean = random(16, 3);
    Tensor var = Tensor.of(new float[] {0.5f, 1f, 2f}, 3);
    float[] batchMean = new float[3];
    float[] batchVar = new float[3];
    for (int k = 0; k < x.size(); k++) {
      batchMean[(k / 2) % 3] += x.getFloat(k) / 4;
    }
    for (int k = 0; k < x.size(); k++) {
      float d = x.getFloat(k) - batchMean[(k / 2) % 3];
      batchVar[(k / 2) % 3] += d * d / 4; // the population variance
    }
    float[] running = new float[3];
    for (int c = 0; c < 3; c++) {
      running[c] = mean.getFloat(c) * 0.9f + batchMean[c] * 0.1f;
    }
    List<Tensor> out = LegacyModel.at(6).input("x", x).input("s", scale).input("b", bias)
        .input("m", mean).input("v", var).node("BatchNormalization", List.of("x", "s", "b", "m",
            "v"), List.of("y", "m_out")).run("y", "m_out");
    assertClose(Tensor.of(batchNormTest(x, scale, bias, Tensor.of(batchMean, 3),
        Tensor.of(batchVar, 3), 1e-5f), 2, 3, 2), out.get(0));
    assertClose(Tensor.of(running, 3), out.get(1));
  }

  @Test
  void batchNorm7NotSpatialNormalizesEveryActivationOnItsOwn() {
    Tensor x = random(17, 2, 3, 2);
    Tensor scale = random(18, 3, 2);
    Tensor bias = random(19, 3, 2);
    Tensor mean = random(20, 3, 2);
    Tensor var = Tensor.of(new float[] {0.5f, 1f, 2f, 0.25f, 3f, 1.5f}, 3, 2);
    float[] y = new float[12];
    for (int k = 0; k < 12; k++) {
      int a = k % 6;
      y[k] = (float) (scale.getFloat(a) * (x.getFloat(k) - mean.getFloat(a))
          / Math.sqrt(var.getFloat(a) + 1e-5f) + bias.getFloat(a));
    }
    assertClose(Tensor.of(y, 2, 3, 2), LegacyModel.at(7).input("x", x).input("s", scale)
        .input("b", bias).input("m", mean).input("v", var)
        .node("BatchNormalization", List.of("x", "s", "b", "m", "v"), List.of("y"),
            i("spatial", 0)).run("y").get(0));
  }

  // --- Softmax, LogSoftmax, Hardmax before 13: the input coerced to 2-D

  /** Softmax of each row of a [rows, cols] view. */
  private static float[] softmaxRows(Tensor x, int rows, int cols, boolean log) {
    float[] y = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) {
        max = Math.max(max, x.getFloat(r * cols + c));
      }
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        sum += Math.exp(x.getFloat(r * cols + c) - max);
      }
      for (int c = 0; c < cols; c++) {
        double v = x.getFloat(r * cols + c) - max - Math.log(sum);
        y[r * cols + c] = (float) (log ? v : Math.exp(v));
      }
    }
    return y;
  }

  @Test
  void softmax11AtAxisOneNormalizesEverythingAfterIt() {
    Tensor x = random(21, 2, 3, 4);
    assertClose(Tensor.of(softmaxRows(x, 2, 12, false), 2, 3, 4), LegacyModel.at(11)
        .input("x", x).node("Softmax", List.of("x"), List.of("y"), i("axis", 1)).run("y")
        .get(0));
  }

  @Test
  void logSoftmax1DefaultsToAxisOne() {
    Tensor x = random(22, 2, 3, 2);
    assertClose(Tensor.of(softmaxRows(x, 2, 6, true), 2, 3, 2), LegacyModel.at(1)
        .input("x", x).node("LogSoftmax", List.of("x"), List.of("y")).run("y").get(0));
  }

  @Test
  void hardmax11AtAxisZeroMarksTheOneLargestElementOfAll() {
    Tensor x = Tensor.of(new float[] {1, 5, 2, 5, 0, 3}, 2, 3); // the first 5 wins
    assertClose(Tensor.of(new float[] {0, 1, 0, 0, 0, 0}, 2, 3), LegacyModel.at(11)
        .input("x", x).node("Hardmax", List.of("x"), List.of("y"), i("axis", 0)).run("y")
        .get(0));
  }

  // --- axes, lengths and shapes as attributes

  @Test
  void squeezeAndUnsqueeze11TakeTheirAxesFromAttributes() {
    Tensor x = random(23, 2, 1, 3);
    List<Tensor> out = LegacyModel.at(11).input("x", x)
        .node("Squeeze", List.of("x"), List.of("s"), Attribute.ints("axes", 1))
        .node("Unsqueeze", List.of("s"), List.of("u"), Attribute.ints("axes", 0, 3))
        .run("s", "u");
    assertClose(x.reshape(2, 3), out.get(0));
    assertClose(x.reshape(1, 2, 3, 1), out.get(1));
  }

  @Test
  void reductionsTakeTheirAxesFromAttributes() {
    Tensor x = random(24, 2, 3, 4);
    float[] sum = new float[8];
    float[] mean = new float[3];
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < 24; k++) {
      sum[(k / 12) * 4 + k % 4] += x.getFloat(k);
      mean[(k / 4) % 3] += x.getFloat(k) / 8;
      max = Math.max(max, x.getFloat(k));
    }
    List<Tensor> out = LegacyModel.at(11).input("x", x)
        .node("ReduceSum", List.of("x"), List.of("sum"), Attribute.ints("axes", 1),
            i("keepdims", 0))
        .node("ReduceMean", List.of("x"), List.of("mean"), Attribute.ints("axes", 0, 2))
        .node("ReduceMax", List.of("x"), List.of("max"), i("keepdims", 0))
        .run("sum", "mean", "max");
    assertClose(Tensor.of(sum, 2, 4), out.get(0));
    assertClose(Tensor.of(mean, 1, 3, 1), out.get(1));
    assertClose(Tensor.of(new float[] {max}), out.get(2));
  }

  @Test
  void splitLengthsFromAnAttributeAnInputOrEqualParts() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor left = Tensor.of(new float[] {1, 4}, 2, 1);
    Tensor right = Tensor.of(new float[] {2, 3, 5, 6}, 2, 2);
    List<Tensor> attr = LegacyModel.at(2).input("x", x).node("Split", List.of("x"),
        List.of("a", "b"), i("axis", 1), Attribute.ints("split", 1, 2)).run("a", "b");
    assertEquals(List.of(left, right), attr);
    List<Tensor> input = LegacyModel.at(1).input("x", x)
        .constant("lengths", Tensor.of(new float[] {1, 2}, 2))
        .node("Split", List.of("x", "lengths"), List.of("a", "b"), i("axis", 1)).run("a", "b");
    assertEquals(List.of(left, right), input);
    List<Tensor> equal = LegacyModel.at(11).input("x", x).node("Split", List.of("x"),
        List.of("a", "b")).run("a", "b");
    assertEquals(List.of(Tensor.of(new float[] {1, 2, 3}, 1, 3),
        Tensor.of(new float[] {4, 5, 6}, 1, 3)), equal);
  }

  @Test
  void slice1ClampsEndsBeyondTheDims() {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
    assertEquals(Tensor.of(new float[] {5, 6, 7, 9, 10, 11}, 2, 3), LegacyModel.at(1)
        .input("x", x).node("Slice", List.of("x"), List.of("y"), Attribute.ints("starts", 1, 1),
            Attribute.ints("ends", 1000, 4), Attribute.ints("axes", 0, 1)).run("y").get(0));
  }

  @Test
  void topK1AndReshape1TakeKAndTheShapeFromAttributes() {
    Tensor x = Tensor.of(new float[] {3, 1, 4, 1, 5, 9, 2, 6}, 2, 4);
    List<Tensor> out = LegacyModel.at(1).input("x", x)
        .node("TopK", List.of("x"), List.of("v", "i"), i("k", 2))
        .node("Reshape", List.of("x"), List.of("r"), Attribute.ints("shape", 4, -1))
        .run("v", "i", "r");
    assertEquals(Tensor.of(new float[] {4, 3, 9, 6}, 2, 2), out.get(0));
    assertEquals(Tensor.of(new long[] {2, 0, 1, 3}, 2, 2), out.get(1));
    assertEquals(x.reshape(4, 2), out.get(2));
  }

  @Test
  void concat1DefaultsToAxisOne() {
    Tensor a = Tensor.of(new float[] {1, 2}, 2, 1);
    Tensor b = Tensor.of(new float[] {3, 4, 5, 6}, 2, 2);
    assertEquals(Tensor.of(new float[] {1, 3, 4, 2, 5, 6}, 2, 3), LegacyModel.at(1)
        .input("a", a).input("b", b).node("Concat", List.of("a", "b"), List.of("y"))
        .run("y").get(0));
  }

  @Test
  void tile1RepeatsAlongOneAxis() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertEquals(Tensor.of(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, 2, 6),
        LegacyModel.at(1).input("x", x).constant("tiles", Tensor.of(new float[] {3}, 1))
            .constant("axis", Tensor.of(new float[] {1}, 1))
            .node("Tile", List.of("x", "tiles", "axis"), List.of("y")).run("y").get(0));
  }

  // --- padding and clipping values

  @Test
  void pad2FillsWithItsValueOrReflects() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertEquals(Tensor.of(new float[] {1.5f, 1, 2, 1.5f, 3, 4, 1.5f, 1.5f, 1.5f}, 3, 3),
        LegacyModel.at(2).input("x", x).node("Pad", List.of("x"), List.of("y"),
            Attribute.ints("pads", 0, 1, 1, 0), Attribute.of("value", 1.5f)).run("y").get(0));
    assertEquals(Tensor.of(new float[] {2, 1, 2, 1, 4, 3, 4, 3}, 2, 4), LegacyModel.at(2)
        .input("x", x).node("Pad", List.of("x"), List.of("y"), Attribute.of("mode", "reflect"),
            Attribute.ints("pads", 0, 1, 0, 1)).run("y").get(0));
    assertEquals(Tensor.of(new float[] {1, 1, 2, 3, 3, 4}, 2, 3), LegacyModel.at(1)
        .input("x", x).node("Pad", List.of("x"), List.of("y"), Attribute.of("mode", "edge"),
            Attribute.ints("paddings", 0, 1, 0, 0)).run("y").get(0));
  }

  @Test
  void clip6BoundsAndItsDefaultBoundsThatClipInfinities() {
    Tensor x = Tensor.of(new float[] {-3, -0.5f, 0.5f, 3, Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY}, 6);
    assertEquals(Tensor.of(new float[] {-1, -0.5f, 0.5f, 1, -1, 1}, 6), LegacyModel.at(6)
        .input("x", x).node("Clip", List.of("x"), List.of("y"), Attribute.of("min", -1f),
            Attribute.of("max", 1f)).run("y").get(0));
    assertEquals(Tensor.of(new float[] {-3, -0.5f, 0.5f, 3, -Float.MAX_VALUE,
        Float.MAX_VALUE}, 6), LegacyModel.at(6).input("x", x)
        .node("Clip", List.of("x"), List.of("y")).run("y").get(0));
  }

  // --- resampling: Upsample-1, -7, -9 and Resize-10

  @Test
  void upsample1NearestRepeatsPixels() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    float[] y = new float[2 * 2 * 2 * 3];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 6; c++) {
        y[r * 6 + c] = x.getFloat((r / 2) * 2 + c / 3);
      }
    }
    assertEquals(Tensor.of(y, 1, 1, 4, 6), LegacyModel.at(1).input("x", x)
        .node("Upsample", List.of("x"), List.of("y"), Attribute.of("height_scale", 2f),
            Attribute.of("width_scale", 3f)).run("y").get(0));
  }

  @Test
  void upsample7LinearInterpolatesAtOutputCoordinateOverScale() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3);
    float[] y = new float[4 * 6];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 6; c++) {
        y[r * 6 + c] = bilinear(x, 2, 3, r / 2f, c / 2f);
      }
    }
    assertClose(Tensor.of(y, 1, 1, 4, 6), LegacyModel.at(7).input("x", x)
        .node("Upsample", List.of("x"), List.of("y"), Attribute.of("mode", "linear"),
            Attribute.floats("scales", 1, 1, 2, 2)).run("y").get(0));
  }

  /** Linear in each axis, sample positions past the last pixel clamped to it. */
  private static float bilinear(Tensor x, int h, int w, float r, float c) {
    int r0 = (int) Math.floor(r);
    int c0 = (int) Math.floor(c);
    int r1 = Math.min(r0 + 1, h - 1);
    int c1 = Math.min(c0 + 1, w - 1);
    float fr = Math.min(r, h - 1) - r0;
    float fc = Math.min(c, w - 1) - c0;
    float top = x.getFloat(r0 * w + c0) * (1 - fc) + x.getFloat(r0 * w + c1) * fc;
    float bottom = x.getFloat(r1 * w + c0) * (1 - fc) + x.getFloat(r1 * w + c1) * fc;
    return top * (1 - fr) + bottom * fr;
  }

  @Test
  void upsample9AndResize10NearestTakeTheInputAtCoordinateOverScaleRoundedDown() {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4}, 1, 5);
    assertEquals(Tensor.of(new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, 1, 10),
        LegacyModel.at(9).input("x", x).constant("scales", Tensor.of(new float[] {1, 2}, 2))
            .node("Upsample", List.of("x", "scales"), List.of("y")).run("y").get(0));
    // 5 * 0.6 = 3 outputs, at x = 0, 1.67, 3.33: rounded down
    assertEquals(Tensor.of(new float[] {0, 1, 3}, 1, 3), LegacyModel.at(10).input("x", x)
        .constant("scales", Tensor.of(new float[] {1, 0.6f}, 2))
        .node("Resize", List.of("x", "scales"), List.of("y")).run("y").get(0));
  }

  // --- Dropout, Cast, Selu, OneHot

  @Test
  void dropout6InTestModePassesDataAndAMaskOfTheDataType() {
    Tensor x = random(25, 2, 3);
    List<Tensor> out = LegacyModel.at(6).input("x", x).node("Dropout", List.of("x"),
        List.of("y", "mask"), i("is_test", 1), Attribute.of("ratio", 0.3f)).run("y", "mask");
    assertEquals(x, out.get(0));
    assertEquals(Tensor.of(new float[] {1, 1, 1, 1, 1, 1}, 2, 3), out.get(1));
  }

  @Test
  void cast1NamesItsTargetType() {
    Tensor x = Tensor.of(new float[] {1.7f, -2.2f}, 2);
    assertEquals(Tensor.of(new int[] {1, -2}, 2), LegacyModel.at(1).input("x", x)
        .node("Cast", List.of("x"), List.of("y"), Attribute.of("to", "INT32")).run("y").get(0));
  }

  @Test
  void selu1UsesItsOwnDefaultCoefficients() {
    Tensor x = Tensor.of(new float[] {-1, 2}, 2);
    float negative = (float) (1.0507f * (1.6732f * Math.exp(-1) - 1.6732f));
    assertClose(Tensor.of(new float[] {negative, 1.0507f * 2}, 2), LegacyModel.at(1)
        .input("x", x).node("Selu", List.of("x"), List.of("y")).run("y").get(0));
  }

  @Test
  void oneHot9GivesNegativeIndicesAllOffRows() {
    Tensor indices = Tensor.of(new long[] {1, -1, 2}, 3);
    assertEquals(Tensor.of(new float[] {0, 1, 0, 0, 0, 0, 0, 0, 1}, 3, 3), LegacyModel.at(9)
        .input("i", indices).constant("depth", Tensor.of(new long[] {3}, 1))
        .constant("values", Tensor.of(new float[] {0, 1}, 2))
        .node("OneHot", List.of("i", "depth", "values"), List.of("y")).run("y").get(0));
  }

  // --- Scan-8 over a batch, GroupNormalization-18 per group

  @Test
  void scan8RunsEveryBatchElementOnItsOwnAndHonoursDirections() {
    Graph body = new Graph("cumsum");
    body.inputs().add(new ValueInfo("s_in", null));
    body.inputs().add(new ValueInfo("x_t", null));
    body.outputs().add(new ValueInfo("s_out", null));
    body.outputs().add(new ValueInfo("y_t", null));
    body.nodes().add(Node.of("add", "Add", List.of("s_in", "x_t"), List.of("s_out"),
        List.of()));
    body.nodes().add(Node.of("copy", "Identity", List.of("s_out"), List.of("y_t"), List.of()));
    Tensor init = Tensor.of(new float[] {0, 100}, 2, 1); // batch 2, state [1]
    Tensor x = Tensor.of(new float[] {1, 2, 3, 10, 20, 30}, 2, 3, 1); // batch 2, seq 3
    List<Tensor> out = LegacyModel.at(8).input("s", init).input("x", x)
        .node("Scan", List.of("", "s", "x"), List.of("final", "ys"), Attribute.of("body", body),
            i("num_scan_inputs", 1), Attribute.ints("directions", 1)).run("final", "ys");
    assertEquals(Tensor.of(new float[] {6, 160}, 2, 1), out.get(0));
    // reversed: the sums accumulate from the end; outputs stay in scan order
    assertEquals(Tensor.of(new float[] {3, 5, 6, 130, 150, 160}, 2, 3, 1), out.get(1));
  }

  @Test
  void groupNormalization18ScalesAndShiftsPerGroup() {
    Tensor x = random(26, 1, 4, 2); // 4 channels in 2 groups
    Tensor scale = Tensor.of(new float[] {2, -1}, 2);
    Tensor bias = Tensor.of(new float[] {0.5f, 1}, 2);
    float[] y = new float[8];
    for (int g = 0; g < 2; g++) {
      double mean = 0;
      double var = 0;
      for (int k = g * 4; k < g * 4 + 4; k++) {
        mean += x.getFloat(k) / 4;
      }
      for (int k = g * 4; k < g * 4 + 4; k++) {
        var += Math.pow(x.getFloat(k) - mean, 2) / 4;
      }
      for (int k = g * 4; k < g * 4 + 4; k++) {
        y[k] = (float) (scale.getFloat(g) * (x.getFloat(k) - mean) / Math.sqrt(var + 1e-5)
            + bias.getFloat(g));
      }
    }
    assertClose(Tensor.of(y, 1, 4, 2), LegacyModel.at(18).input("x", x).input("s", scale)
        .input("b", bias).node("GroupNormalization", List.of("x", "s", "b"), List.of("y"),
            i("num_groups", 2)).runUpgraded("y").get(0)); // opset 18 is kept by default
  }
}
