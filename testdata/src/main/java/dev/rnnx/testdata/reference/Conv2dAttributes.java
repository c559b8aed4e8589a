package dev.rnnx.testdata.reference;

/**
 * The attributes of a 2-D ONNX {@code Conv} (explicit padding only; {@code auto_pad} is
 * {@code NOTSET}).
 *
 * @param padTop {@code pads[0]}
 * @param padLeft {@code pads[1]}
 * @param padBottom {@code pads[2]}
 * @param padRight {@code pads[3]}
 * @param strideH {@code strides[0]}
 * @param strideW {@code strides[1]}
 * @param dilationH {@code dilations[0]}
 * @param dilationW {@code dilations[1]}
 * @param group {@code group}
 */
public record Conv2dAttributes(int padTop, int padLeft, int padBottom, int padRight,
    int strideH, int strideW, int dilationH, int dilationW, int group) {

  /** @return no padding, unit strides and dilations, one group */
  public static Conv2dAttributes defaults() {
    return new Conv2dAttributes(0, 0, 0, 0, 1, 1, 1, 1, 1);
  }

  /**
   * @param pads {@code [top, left, bottom, right]}, or null for zeros
   * @param strides {@code [h, w]}, or null for ones
   * @param dilations {@code [h, w]}, or null for ones
   * @param group the group count
   * @return the attributes, laid out as the ONNX lists give them
   */
  public static Conv2dAttributes of(long[] pads, long[] strides, long[] dilations, long group) {
    long[] p = pads == null ? new long[4] : pads;
    long[] s = strides == null ? new long[] {1, 1} : strides;
    long[] d = dilations == null ? new long[] {1, 1} : dilations;
    return new Conv2dAttributes((int) p[0], (int) p[1], (int) p[2], (int) p[3],
        (int) s[0], (int) s[1], (int) d[0], (int) d[1], (int) group);
  }

  /** @return a copy padding every side by {@code pad}, as a "same" 3x3 convolution uses */
  public Conv2dAttributes withPadding(int pad) {
    return new Conv2dAttributes(pad, pad, pad, pad, strideH, strideW, dilationH, dilationW, group);
  }
}
