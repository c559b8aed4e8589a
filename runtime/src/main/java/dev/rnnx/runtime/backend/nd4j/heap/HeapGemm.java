package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.Broadcast;
import dev.rnnx.tensor.ElementType;
import java.util.Arrays;

/**
 * Gemm: Y = alpha * A' B' + beta * C, A' and B' optionally transposed, C broadcast to Y. A
 * constant B is held in native memory already transposed; otherwise both operands are staged
 * and BLAS transposes.
 */
final class HeapGemm implements HeapKernel {
  private final boolean transA;
  private final boolean transB;
  private final float alpha;
  private final float beta;
  private final ConstantMatrix constantB; // B' [K, N], or null
  private final StagedProduct staged = new StagedProduct();
  private float[] rowsOfA = new float[0]; // [M, K] when A is stored transposed
  private long[] biasShape; // C's shape of the last run
  private int[] biasIndex; // [M * N]: the element of C each output element adds

  static void register(HeapRegistry r) {
    r.add("Gemm", 1, HeapGemm::create);
  }

  private static HeapKernel create(Node n, HeapContext ctx) {
    if (!HeapLinear.floats(ctx) || ctx.type(1).orElse(ElementType.FLOAT) != ElementType.FLOAT
        || ctx.type(2).orElse(ElementType.FLOAT) != ElementType.FLOAT) {
      return null;
    }
    boolean transB = n.intAttr("transB", 0) == 1;
    Dense b = ctx.constant(1).orElse(null);
    ConstantMatrix cb = null;
    if (b != null && b.isFloat() && b.rank() == 2 && b.size() > 0) {
      int rows = (int) b.shape[0];
      int cols = (int) b.shape[1];
      cb = transB ? new ConstantMatrix(transpose(b.f, rows, cols, null), cols, rows)
          : new ConstantMatrix(b.f, rows, cols);
    }
    return new HeapGemm(n.intAttr("transA", 0) == 1, transB, n.floatAttr("alpha", 1f),
        n.floatAttr("beta", 1f), cb);
  }

  private HeapGemm(boolean transA, boolean transB, float alpha, float beta,
      ConstantMatrix constantB) {
    this.transA = transA;
    this.transB = transB;
    this.alpha = alpha;
    this.beta = beta;
    this.constantB = constantB;
  }

  /** @return x [rows, cols] transposed to [cols, rows], into {@code into} when big enough */
  private static float[] transpose(float[] x, int rows, int cols, float[] into) {
    float[] t = into != null && into.length >= x.length ? into : new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = x[i * cols + j];
      }
    }
    return t;
  }

  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense a = in[0];
    Dense b = in[1];
    Dense c = in.length > 2 ? in[2] : null;
    float[] av = HeapLinear.data(a);
    float[] bv = HeapLinear.data(b);
    if (a.rank() != 2 || b.rank() != 2) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Gemm of " + a + " and " + b);
    }
    int m = (int) (transA ? a.shape[1] : a.shape[0]);
    int k = (int) (transA ? a.shape[0] : a.shape[1]);
    int n = (int) (transB ? b.shape[0] : b.shape[1]);
    if ((transB ? b.shape[1] : b.shape[0]) != k) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Gemm " + a + " x " + b
          + ": inner dims differ");
    }
    float[] y = new float[m * n]; // [M, N]
    if (constantB != null && m > 0 && k > 0) {
      float[] rows = av;
      if (transA) {
        rowsOfA = transpose(av, k, m, rowsOfA);
        rows = rowsOfA;
      }
      constantB.leftTimes(rows, 0, m, y, 0);
    } else {
      staged.multiply(transA, transB, m, n, k, av, 0, bv, 0, y, 0);
    }
    if (alpha != 1f) {
      for (int i = 0; i < y.length; i++) {
        y[i] *= alpha;
      }
    }
    if (c != null && beta != 0f) {
      float[] cv = HeapLinear.data(c);
      long[] shape = {m, n};
      if (biasIndex == null || !Arrays.equals(biasShape, c.shape) || biasIndex.length != m * n) {
        if (c.rank() > 2 || !Arrays.equals(Broadcast.shape(c.shape, shape), shape)) {
          throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Gemm: C " + c
              + " does not broadcast to [" + m + ", " + n + "]");
        }
        biasIndex = Broadcast.map(c.shape, shape);
        biasShape = c.shape.clone();
      }
      int[] at = biasIndex;
      for (int i = 0; i < y.length; i++) {
        y[i] += beta * cv[at[i]];
      }
    }
    return new Dense[] {Dense.floats(new long[] {m, n}, y)};
  }

  @Override
  public void close() {
    if (constantB != null) {
      constantB.close();
    }
    staged.close();
  }
}
