package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.NdArrays;
import dev.rnnx.runtime.backend.nd4j.kernels.ShapeMath;
import dev.rnnx.tensor.ElementType;
import java.util.Arrays;
import java.util.Set;

/**
 * Pad in modes constant, reflect, edge and wrap, negative pads cropping: pads as an attribute
 * (opset 2) or as inputs with an optional constant value (11) and axes (18). Each output
 * element is gathered through a source index map, kept while the input shape and pads repeat.
 * Pure data movement, so besides float32 it moves the integer and bool types exactly.
 */
final class HeapPad implements HeapKernel {
  private static final Set<String> MODES = Set.of("constant", "reflect", "edge", "wrap");

  private final String mode;
  private final long[] attributePads; // opset 2, else null (pads are input 1)
  private final float attributeValue;
  private long[] lastShape;
  private long[] lastPads;
  private long[] lastAxes;
  private long[] outShape;
  private int[] map; // [output size]: flat source index, -1 for the constant

  static void register(HeapRegistry r) {
    r.add("Pad", 2, (n, ctx) -> create(n, ctx, true));
    r.add("Pad", 11, (n, ctx) -> create(n, ctx, false));
  }

  private static HeapKernel create(Node n, HeapContext ctx, boolean attributes) {
    String mode = n.stringAttr("mode", "constant");
    if (ctx.outputType(0).isEmpty() || !MODES.contains(mode)) {
      return null;
    }
    if (attributes && n.attribute("pads").isEmpty()) {
      return null;
    }
    return new HeapPad(mode, attributes ? n.attribute("pads").get().asInts() : null,
        n.floatAttr("value", 0f));
  }

  private HeapPad(String mode, long[] attributePads, float attributeValue) {
    this.mode = mode;
    this.attributePads = attributePads;
    this.attributeValue = attributeValue;
  }

  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense x = in[0];
    long[] pads = attributePads != null ? attributePads : in[1].asLongs();
    long[] axes = attributePads == null && in.length > 3 && in[3] != null ? in[3].asLongs()
        : null;
    double fill = attributeValue;
    long longFill = (long) attributeValue;
    if (attributePads == null) {
      Dense c = in.length > 2 ? in[2] : null;
      boolean given = c != null && c.size() > 0;
      fill = given ? c.get(0) : 0;
      longFill = !given ? 0 : c.l != null ? c.l[0] : (long) c.get(0);
    }
    if (map == null || !Arrays.equals(lastShape, x.shape) || !Arrays.equals(lastPads, pads)
        || !Arrays.equals(lastAxes, axes)) {
      plan(x.shape, pads, axes);
    }
    if (x.isFloat()) {
      float[] xv = x.f;
      float value = (float) fill;
      float[] y = new float[map.length];
      for (int i = 0; i < y.length; i++) {
        int src = map[i];
        y[i] = src < 0 ? value : xv[src];
      }
      return new Dense[] {Dense.floats(outShape.clone(), y)};
    }
    long[] xv = x.l;
    long value = x.type == ElementType.BOOL ? (longFill != 0 ? 1 : 0) : longFill;
    long[] y = new long[map.length];
    for (int i = 0; i < y.length; i++) {
      int src = map[i];
      y[i] = src < 0 ? value : xv[src];
    }
    return new Dense[] {Dense.longs(x.type, outShape.clone(), y)};
  }

  private void plan(long[] s, long[] pads, long[] axes) {
    int rank = s.length;
    long[] begin = new long[rank];
    long[] end = new long[rank];
    int n = axes == null ? rank : axes.length;
    if (pads.length != 2 * n) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Pad: " + pads.length
          + " pads for " + n + " axes");
    }
    for (int i = 0; i < n; i++) {
      int a = axes == null ? i : NdArrays.axis(axes[i], rank);
      begin[a] = pads[i];
      end[a] = pads[i + n];
    }
    long[] shape = new long[rank];
    for (int k = 0; k < rank; k++) {
      shape[k] = s[k] + begin[k] + end[k];
      if (shape[k] < 0) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Pad crops axis " + k
            + " below zero");
      }
    }
    long[] strides = new long[rank];
    for (int k = rank - 1, st = 1; k >= 0; st *= (int) s[k], k--) {
      strides[k] = st;
    }
    int[] m = new int[Dense.count(shape)];
    long[] coord = new long[rank];
    for (int i = 0; i < m.length; i++) {
      long src = 0;
      for (int k = 0; k < rank && src >= 0; k++) {
        long j = source(coord[k] - begin[k], s[k]);
        src = j < 0 ? -1 : src + j * strides[k];
      }
      m[i] = (int) src;
      for (int k = rank - 1; k >= 0; k--) {
        if (++coord[k] < shape[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    lastShape = s.clone();
    lastPads = pads.clone();
    lastAxes = axes == null ? null : axes.clone();
    outShape = shape;
    map = m;
  }

  /** @return the source position along one axis, or -1 for the constant */
  private long source(long j, long dim) {
    if (dim == 0 && !mode.equals("constant")) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Pad mode " + mode
          + " cannot pad an empty axis");
    }
    return ShapeMath.padSource(j, dim, mode);
  }
}
