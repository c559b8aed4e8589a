package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.kernels.Broadcast;
import dev.rnnx.runtime.backend.nd4j.kernels.ShapeMath;
import java.util.Arrays;

/**
 * MatMul with numpy semantics (1-D operands promoted and their axis dropped, batch dims
 * broadcast). A constant 1-D or 2-D B is held in native memory and every row of A, across
 * all batches, goes through one product; otherwise both operands are staged, in one product
 * when B has no batch dims, else one per batch entry.
 */
final class HeapMatMul implements HeapKernel {
  private final ConstantMatrix constantB; // [k, n], or null
  private final StagedProduct staged = new StagedProduct();

  static void register(HeapRegistry r) {
    r.add("MatMul", 1, HeapMatMul::create);
  }

  private static HeapKernel create(Node n, HeapContext ctx) {
    if (!HeapLinear.floats(ctx) || ctx.type(1).orElse(dev.rnnx.tensor.ElementType.FLOAT)
        != dev.rnnx.tensor.ElementType.FLOAT) {
      return null;
    }
    Dense b = ctx.constant(1).orElse(null);
    ConstantMatrix cb = null;
    if (b != null && b.isFloat() && b.rank() >= 1 && b.rank() <= 2 && b.size() > 0) {
      cb = new ConstantMatrix(b.f, (int) b.shape[0], b.rank() == 2 ? (int) b.shape[1] : 1);
    }
    return new HeapMatMul(cb);
  }

  private HeapMatMul(ConstantMatrix constantB) {
    this.constantB = constantB;
  }

  @Override
  public Dense[] run(Dense[] in, HeapScope scope) {
    Dense a = in[0];
    Dense b = in[1];
    float[] av = HeapLinear.data(a);
    float[] bv = HeapLinear.data(b);
    long[] as = a.shape;
    long[] bs = b.shape;
    if (as.length == 0 || bs.length == 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "MatMul of a scalar");
    }
    long[] a2 = as.length == 1 ? new long[] {1, as[0]} : as;
    long[] b2 = bs.length == 1 ? new long[] {bs[0], 1} : bs;
    int m = (int) a2[a2.length - 2];
    int k = (int) a2[a2.length - 1];
    int n = (int) b2[b2.length - 1];
    if (b2[b2.length - 2] != k) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "MatMul " + a + " x " + b
          + ": inner dims differ");
    }
    long[] aBatch = Arrays.copyOfRange(a2, 0, a2.length - 2);
    long[] bBatch = Arrays.copyOfRange(b2, 0, b2.length - 2);
    long[] batch = Broadcast.shape(aBatch, bBatch);
    int count = Dense.count(batch);
    float[] y = new float[count * m * n]; // [batch..., m, n]
    if (bBatch.length == 0 && Dense.count(aBatch) == count) {
      // A's batches are consecutive rows: [count * m, k] x [k, n]
      if (constantB != null && k > 0) {
        if (count * m > 0) {
          constantB.leftTimes(av, 0, count * m, y, 0);
        }
      } else {
        staged.multiply(false, false, count * m, n, k, av, 0, bv, 0, y, 0);
      }
    } else {
      int[] aAt = Broadcast.map(aBatch, batch);
      int[] bAt = Broadcast.map(bBatch, batch);
      for (int i = 0; i < count; i++) {
        staged.multiply(false, false, m, n, k, av, aAt[i] * m * k, bv, bAt[i] * k * n, y,
            i * m * n);
      }
    }
    long[] out = ShapeMath.matMulShape(batch, m, n, as.length == 1, bs.length == 1);
    return new Dense[] {Dense.floats(out, y)};
  }

  @Override
  public void close() {
    if (constantB != null) {
      constantB.close();
    }
    staged.close();
  }
}
