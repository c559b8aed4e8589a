package dev.rnnx.runtime.backend.nd4j;

import static dev.rnnx.runtime.backend.nd4j.IrModels.assertClose;
import static dev.rnnx.runtime.backend.nd4j.IrModels.random;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conv and ConvTranspose on nd4j against direct loops over the spec's definition, for
 * combinations the node tests leave out: groups with dilations, strides and asymmetric pads
 * in 1-D and 3-D, and grouped, dilated, strided ConvTranspose with output_padding.
 */
class ConvolutionKernelTest {
  private static final double TOL = 1e-4;
  private final Random rng = new Random(11);

  /** Y[n, m, o...] = B[m] + sum W[m, c, k...] X[n, g*C/g + c, o*s + k*d - pad] over c, k. */
  private static double[] conv(Tensor x, Tensor w, Tensor b, int groups, long[] strides,
      long[] dil, long[] padBegin, long[] out) {
    long[] xs = x.shape();
    long[] ws = w.shape();
    int d = xs.length - 2;
    int maps = (int) ws[0];
    int cg = (int) ws[1];
    int mg = maps / groups;
    long[] kernel = java.util.Arrays.copyOfRange(ws, 2, ws.length);
    long[] in = java.util.Arrays.copyOfRange(xs, 2, xs.length);
    int outCount = count(out);
    int kCount = count(kernel);
    double[] y = new double[(int) xs[0] * maps * outCount];
    for (int n = 0; n < xs[0]; n++) {
      for (int m = 0; m < maps; m++) {
        int g = m / mg;
        for (int o = 0; o < outCount; o++) {
          long[] oc = coords(o, out);
          double acc = b.getDouble(m);
          for (int c = 0; c < cg; c++) {
            for (int k = 0; k < kCount; k++) {
              long[] kc = coords(k, kernel);
              long flat = 0;
              boolean inside = true;
              for (int i = 0; i < d; i++) {
                long p = oc[i] * strides[i] + kc[i] * dil[i] - padBegin[i];
                inside &= p >= 0 && p < in[i];
                flat = flat * in[i] + p;
              }
              if (inside) {
                acc += w.getDouble((m * cg + c) * kCount + k)
                    * x.getDouble((int) ((n * xs[1] + g * cg + c) * count(in) + flat));
              }
            }
          }
          y[(n * maps + m) * outCount + o] = acc;
        }
      }
    }
    return y;
  }

  private static int count(long[] s) {
    return (int) Tensor.elementCount(s);
  }

  private static long[] coords(int flat, long[] shape) {
    long[] c = new long[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      c[i] = flat % shape[i];
      flat /= (int) shape[i];
    }
    return c;
  }

  @Test
  void conv1dGroupedDilatedStridedWithAsymmetricPads() {
    Tensor x = random(rng, 2, 4, 11);
    Tensor w = random(rng, 6, 2, 3);
    Tensor b = random(rng, 6);
    Node n = Node.of("c", "Conv", List.of("X", "W", "B"), List.of("Y"), List.of(
        Attribute.of("group", 2L), Attribute.ints("dilations", 2), Attribute.ints("strides", 2),
        Attribute.ints("pads", 1, 2)));
    Tensor y = IrModels.run(IrModels.of(n, List.of("X", "W", "B"), Map.of(), 13),
        Map.of("X", x, "W", w, "B", b)).get("Y");
    // out = floor((11 + 1 + 2 - (2 * 2 + 1)) / 2) + 1 = 5
    long[] out = {5};
    assertClose(conv(x, w, b, 2, new long[] {2}, new long[] {2}, new long[] {1}, out),
        new long[] {2, 6, 5}, y, TOL);
  }

  @Test
  void conv3dGroupedWithSameLowerPadding() {
    Tensor x = random(rng, 1, 3, 4, 5, 3);
    Tensor w = random(rng, 3, 1, 2, 3, 2);
    Tensor b = random(rng, 3);
    Node n = Node.of("c", "Conv", List.of("X", "W", "B"), List.of("Y"), List.of(
        Attribute.of("group", 3L), Attribute.of("auto_pad", "SAME_LOWER"),
        Attribute.ints("strides", 2, 1, 2)));
    Tensor y = IrModels.run(IrModels.of(n, List.of("X", "W", "B"), Map.of(), 13),
        Map.of("X", x, "W", w, "B", b)).get("Y");
    // out = ceil(in / stride) = [2, 5, 2]; total pad = (out-1)*s + k - in = [0, 2, 1]
    // SAME_LOWER puts the odd one at the beginning: begin = [0, 1, 1]
    assertClose(conv(x, w, b, 3, new long[] {2, 1, 2}, new long[] {1, 1, 1},
        new long[] {0, 1, 1}, new long[] {2, 5, 2}), new long[] {1, 3, 2, 5, 2}, y, TOL);
  }

  @Test
  void convTransposeGroupedDilatedStridedWithOutputPadding() {
    Tensor x = random(rng, 2, 4, 3, 2);
    Tensor w = random(rng, 4, 3, 2, 3); // [C, M/group, kH, kW], group 2: M = 6
    Tensor b = random(rng, 6);
    Node n = Node.of("t", "ConvTranspose", List.of("X", "W", "B"), List.of("Y"), List.of(
        Attribute.of("group", 2L), Attribute.ints("strides", 2, 3),
        Attribute.ints("dilations", 2, 1), Attribute.ints("pads", 1, 0, 0, 2),
        Attribute.ints("output_padding", 1, 1)));
    Tensor y = IrModels.run(IrModels.of(n, List.of("X", "W", "B"), Map.of(), 13),
        Map.of("X", x, "W", w, "B", b)).get("Y");
    // out = s*(in-1) + output_padding + (k-1)*d + 1 - pads = [2*2+1+3-1, 3*1+1+3-2] = [7, 5]
    long[] out = {7, 5};
    double[] want = new double[2 * 6 * 35];
    for (int nn = 0; nn < 2; nn++) {
      for (int m = 0; m < 6; m++) {
        for (int o = 0; o < 35; o++) {
          want[(nn * 6 + m) * 35 + o] = b.getDouble(m);
        }
      }
      for (int c = 0; c < 4; c++) {
        int g = c / 2;
        for (int mm = 0; mm < 3; mm++) {
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
              for (int ki = 0; ki < 2; ki++) {
                for (int kj = 0; kj < 3; kj++) {
                  int oi = i * 2 + ki * 2 - 1;
                  int oj = j * 3 + kj - 0;
                  if (oi >= 0 && oi < out[0] && oj >= 0 && oj < out[1]) {
                    want[(nn * 6 + g * 3 + mm) * 35 + oi * 5 + oj] +=
                        x.getDouble(((nn * 4 + c) * 3 + i) * 2 + j)
                        * w.getDouble(((c * 3 + mm) * 2 + ki) * 3 + kj);
                  }
                }
              }
            }
          }
        }
      }
    }
    assertClose(want, new long[] {2, 6, 7, 5}, y, TOL);
  }
}
