package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.Set;

/**
 * Conv in any number of spatial dims, with groups, strides, dilations and explicit or
 * automatic pads: per batch entry and group an im2col gather into one reused buffer, then one
 * BLAS product W[group] · columns written straight into the output. Constant weights live in
 * native memory (one {@link ConstantMatrix} per group); others are staged per run.
 */
final class HeapConv implements HeapKernel {
  private static final Set<String> AUTO_PADS =
      Set.of("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID");

  private final Node node;
  private final int groups;
  private final long[] constantShape; // of W when constant, else null
  private final ConstantMatrix[] weights; // per group [M/group, C/group * K], or null
  private final StagedProduct staged; // for variable weights, else null
  private HeapConvGeometry geometry; // of the last run's dims
  private float[] columns = new float[0]; // [C/group * K, O] of one batch entry and group

  static void register(HeapRegistry r) {
    r.add("Conv", 1, HeapConv::create);
  }

  private static HeapKernel create(Node n, HeapContext ctx) {
    if (!HeapLinear.floats(ctx) || !AUTO_PADS.contains(n.stringAttr("auto_pad", "NOTSET"))) {
      return null;
    }
    Dense w = ctx.constant(1).orElse(null);
    if (w != null && (!w.isFloat() || w.rank() < 3)) {
      return null;
    }
    return new HeapConv(n, w);
  }

  private HeapConv(Node n, Dense w) {
    this.node = n;
    this.groups = (int) n.intAttr("group", 1);
    if (w == null) {
      constantShape = null;
      weights = null;
      staged = new StagedProduct();
      return;
    }
    constantShape = w.shape.clone();
    int maps = (int) w.shape[0];
    if (groups <= 0 || maps % groups != 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv: " + maps
          + " feature maps do not split into " + groups + " groups");
    }
    int perGroup = maps / groups;
    int rows = HeapLinear.count(w.shape, 1, w.rank()); // C/group * K
    weights = new ConstantMatrix[groups];
    staged = null;
    if (perGroup == 0 || rows == 0) {
      return; // an empty product: zeros, no BLAS
    }
    for (int g = 0; g < groups; g++) {
      weights[g] = new ConstantMatrix(Arrays.copyOfRange(w.f, g * perGroup * rows,
          (g + 1) * perGroup * rows), perGroup, rows);
    }
  }

  /** Y[n, m, o] = B[m] + sum over c in m's group and kernel taps t of W[m, c, t] X[n, c, o+t] */
  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense x = in[0];
    Dense w = in[1];
    Dense b = in.length > 2 ? in[2] : null;
    float[] xv = HeapLinear.data(x);
    long[] xs = x.shape; // [N, C, S...]
    long[] ws = w.shape; // [M, C/group, K...]
    if (constantShape == null) {
      HeapLinear.data(w);
    }
    int batch = (int) xs[0];
    int channels = (int) xs[1];
    int maps = (int) ws[0];
    int perGroup = (int) ws[1];
    if (xs.length != ws.length || xs.length < 3 || perGroup * groups != channels
        || maps % groups != 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Conv input " + x + " with "
          + groups + " groups does not fit weights " + w);
    }
    HeapConvGeometry geo = geometry;
    if (geo == null || !geo.fits(xs, ws)) {
      geo = new HeapConvGeometry(node, Arrays.copyOfRange(xs, 2, xs.length),
          Arrays.copyOfRange(ws, 2, ws.length));
      geometry = geo;
    }
    int k = geo.kernelCount;
    int outCount = geo.outCount;
    int inCount = geo.inCount;
    int rows = perGroup * k;
    int mapsPerGroup = maps / groups;
    float[] y = new float[batch * maps * outCount]; // [N, M, O]
    if (!geo.identity && columns.length < rows * outCount) {
      columns = new float[rows * outCount];
    }
    boolean product = mapsPerGroup > 0 && rows > 0 && outCount > 0;
    for (int bn = 0; bn < batch && product; bn++) {
      for (int g = 0; g < groups; g++) {
        int first = (bn * channels + g * perGroup) * inCount; // this group's X[bn, c0]
        float[] src;
        int srcOffset;
        if (geo.identity) {
          src = xv;
          srcOffset = first;
        } else {
          im2col(xv, first, perGroup, inCount, geo.taps, k, outCount, columns);
          src = columns;
          srcOffset = 0;
        }
        int dst = (bn * maps + g * mapsPerGroup) * outCount;
        if (weights != null) {
          weights[g].times(src, srcOffset, outCount, y, dst);
        } else {
          staged.multiply(false, false, mapsPerGroup, outCount, rows, w.f,
              g * mapsPerGroup * rows, src, srcOffset, y, dst);
        }
      }
    }
    if (b != null) {
      float[] bias = HeapLinear.data(b);
      for (int bn = 0; bn < batch; bn++) {
        for (int m = 0; m < maps; m++) {
          float v = bias[m];
          int at = (bn * maps + m) * outCount;
          for (int o = 0; o < outCount; o++) {
            y[at + o] += v;
          }
        }
      }
    }
    long[] outShape = new long[xs.length];
    outShape[0] = batch;
    outShape[1] = maps;
    System.arraycopy(geo.out, 0, outShape, 2, geo.out.length);
    return new Dense[] {Dense.floats(outShape, y)};
  }

  /** columns[c * K + t, o] = X[c0 + c, taps[t, o]], 0 where the tap falls on padding. */
  private static void im2col(float[] x, int first, int perGroup, int inCount, int[] taps,
      int k, int outCount, float[] columns) {
    for (int c = 0; c < perGroup; c++) {
      int base = first + c * inCount;
      for (int t = 0; t < k; t++) {
        int row = (c * k + t) * outCount;
        int tapRow = t * outCount;
        for (int o = 0; o < outCount; o++) {
          int tap = taps[tapRow + o];
          columns[row + o] = tap < 0 ? 0f : x[base + tap];
        }
      }
    }
  }

  @Override
  public void close() {
    if (weights != null) {
      for (ConstantMatrix m : weights) {
        if (m != null) {
          m.close();
        }
      }
    }
    if (staged != null) {
      staged.close();
    }
  }
}
