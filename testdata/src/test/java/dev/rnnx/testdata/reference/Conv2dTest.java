package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rnnx.testdata.Approx;
import dev.rnnx.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Conv attributes the node tests leave out: groups, dilations, bias, asymmetric pads. */
class Conv2dTest {
  @Test
  void dilationSpreadsTheKernelByHand() {
    // X = 1..9 as 3x3, a 2x2 kernel of ones dilated by 2 reads the four corners: 1+3+7+9 = 20;
    // bias 0.5 is added.
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    Tensor w = Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
    Tensor y = Conv2d.conv(x, w, Tensor.of(new float[] {0.5f}, 1),
        new Conv2dAttributes(0, 0, 0, 0, 1, 1, 2, 2, 1));
    assertArrayEquals(new long[] {1, 1, 1, 1}, y.shape());
    assertArrayEquals(new double[] {20.5}, y.toDoubleArray(), 1e-12);
  }

  @Test
  void asymmetricPadsAndStridesByHand() {
    // X = 1..4 as 2x2, 1x1 kernel of 2, pads top 1 left 0 bottom 0 right 1, stride 2:
    // padded 3x3 = [[0,0,0],[1,2,0],[3,4,0]]; stride 2 picks rows 0, 2 and cols 0, 2.
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Tensor y = Conv2d.conv(x, Tensor.of(new float[] {2}, 1, 1, 1, 1), null,
        new Conv2dAttributes(1, 0, 0, 1, 2, 2, 1, 1, 1));
    assertArrayEquals(new long[] {1, 1, 2, 2}, y.shape());
    assertArrayEquals(new double[] {0, 0, 6, 0}, y.toDoubleArray(), 1e-12);
  }

  @Test
  void groupsConvolveTheirOwnChannelsOnly() {
    // Two groups equal two separate convolutions over the channel halves, stacked.
    Random rnd = new Random(3);
    Tensor x = random(rnd, 1, 4, 5, 5);
    Tensor w = random(rnd, 6, 2, 3, 3); // 6 outputs, 3 per group, 2 input channels each
    Tensor bias = random(rnd, 6);
    Conv2dAttributes grouped = new Conv2dAttributes(1, 1, 1, 1, 1, 1, 1, 1, 2);
    Tensor y = Conv2d.conv(x, w, bias, grouped);
    Conv2dAttributes single = new Conv2dAttributes(1, 1, 1, 1, 1, 1, 1, 1, 1);
    double[][][][] xs = NdArrays.array4(x);
    double[][][][] ws = NdArrays.array4(w);
    double[] bs = bias.toDoubleArray();
    double[][][][] ys = NdArrays.array4(y); // [1, 6, 5, 5]
    for (int g = 0; g < 2; g++) {
      Tensor xg = NdArrays.tensor(x.type(),
          new double[][][][] {{xs[0][2 * g], xs[0][2 * g + 1]}});
      Tensor wg = NdArrays.tensor(w.type(), java.util.Arrays.copyOfRange(ws, 3 * g, 3 * g + 3));
      Tensor bg = NdArrays.tensor(w.type(), java.util.Arrays.copyOfRange(bs, 3 * g, 3 * g + 3));
      Tensor expected = Conv2d.conv(xg, wg, bg, single);
      Tensor actual = NdArrays.tensor(y.type(),
          new double[][][][] {java.util.Arrays.copyOfRange(ys[0], 3 * g, 3 * g + 3)});
      Approx.assertClose(expected, actual, "group " + g);
    }
  }

  private static Tensor random(Random rnd, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return Tensor.of(v, shape);
  }
}
