package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What LSTM, GRU and RNN share: attributes, weights re-laid out once, sequence lengths,
 * initial states, layouts, directions, and the input projection X W^T + Wb of every time
 * step as one matmul. A subclass supplies the per-step cell: one recurrence matmul on ND4J
 * for the whole batch, then a fused gate update in plain Java.
 */
abstract class RecurrentKernel implements Kernel {
  static final int X = 0;
  static final int W = 1;
  static final int R = 2;
  static final int B = 3;
  static final int SEQUENCE_LENS = 4;
  static final int INITIAL_H = 5;

  final int hidden;
  final int dirs;
  final boolean bidirectional;
  final boolean reverseOnly;
  final double clip;
  final boolean batchMajor;
  final DoubleUnaryOperator[][] act; // [direction][function]
  private final RecurrentWeights fixed; // null when W, R or B is not constant

  private final int[] blocks; // R^T column blocks, in gates (see RecurrentWeights)

  RecurrentKernel(Node n, CompileContext ctx, List<String> defaultActivations, int[] blocks) {
    this.blocks = blocks;
    String direction = n.stringAttr("direction", "forward");
    this.bidirectional = direction.equals("bidirectional");
    this.reverseOnly = direction.equals("reverse");
    this.dirs = bidirectional ? 2 : 1;
    this.hidden = (int) n.intAttr("hidden_size", 0);
    this.clip = n.floatAttr("clip", Float.POSITIVE_INFINITY);
    this.batchMajor = n.intAttr("layout", 0) == 1;
    this.act = RecurrentActivations.of(n, defaultActivations, dirs);
    boolean constant = ctx.constant(W).isPresent() && ctx.constant(R).isPresent()
        && (n.input(B).isEmpty() || ctx.constant(B).isPresent());
    this.fixed = constant ? prepare(ctx.constant(W).get(), ctx.constant(R).get(),
        ctx.constant(B).orElse(null)).keep(ctx) : null;
  }

  /** @return weights in the compute type (float, or double for double models) */
  private RecurrentWeights prepare(INDArray w, INDArray r, INDArray b) {
    DataType type = w.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    return RecurrentWeights.of(w, r, b, type, blocks);
  }

  /** @return the pre-activation clipped to [-clip, clip] when clip is set */
  final double clipped(double v) {
    return v > clip ? clip : v < -clip ? -clip : v;
  }

  /** The inputs of one run, sequence-major, in the compute type. */
  final class Sequence {
    final DataType type;
    final int seq;
    final int batch;
    final INDArray x; // [seq * batch, input]
    final int[] lens; // per batch entry
    final RecurrentWeights weights;
    private INDArray xColumns; // column-major X^T, made by the first projection

    Sequence(INDArray[] in) {
      INDArray x0 = batchMajor ? LayoutKernels.transpose(in[X], new long[] {1, 0, 2}) : in[X];
      this.type = x0.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
      long[] s = x0.shape(); // [seq, batch, input]
      this.seq = (int) s[0];
      this.batch = (int) s[1];
      this.x = LayoutKernels.reshaped(GeneratorKernels.cast(x0, type),
          new long[] {s[0] * s[1], s[2]});
      this.lens = new int[batch];
      if (in.length > SEQUENCE_LENS && in[SEQUENCE_LENS] != null) {
        int[] given = NdArrays.ints(in[SEQUENCE_LENS]);
        System.arraycopy(given, 0, lens, 0, batch);
      } else {
        Arrays.fill(lens, seq);
      }
      this.weights = fixed != null ? fixed : prepare(in[W], in[R], in.length > B ? in[B] : null);
    }

    /** @return X W^T of direction d for every step: [seq * batch, gates * hidden] */
    double[] projection(int d) {
      long rows = x.shape()[0];
      long gh = weights.wt[d].shape()[0];
      if (xColumns == null) { // memory [seq * batch, input]
        xColumns = LinearAlgebraKernels.columnMajor(type, x.shape()[1], rows,
            NdArrays.doubles(x));
      }
      INDArray p = LinearAlgebraKernels.columnMajor(type, gh, rows, null);
      LinearAlgebraKernels.gemmColumnMajor(weights.wt[d], xColumns, p);
      double[] v = new double[(int) (rows * gh)];
      NdArrays.read(p, v);
      p.close();
      return v;
    }

    /** @return true when direction d walks the sequence backwards */
    boolean reverse(int d) {
      return reverseOnly || d == 1;
    }

    /** @return the time index entry b is at on step s, or -1 once it has ended */
    int time(int d, int b, int s) {
      if (s >= lens[b]) {
        return -1;
      }
      return reverse(d) ? lens[b] - 1 - s : s;
    }

    /** @return an initial state [dirs, batch, hidden] as doubles, zeros when absent */
    double[] initial(INDArray[] in, int index) {
      if (in.length <= index || in[index] == null) {
        return new double[dirs * batch * hidden];
      }
      INDArray state = batchMajor ? LayoutKernels.transpose(in[index], new long[] {1, 0, 2})
          : in[index];
      return NdArrays.doubles(state);
    }

    /**
     * @return a zeroed step buffer whose memory is a row-major [rows, cols] matrix (a
     *     column-major array, for {@link #step})
     */
    INDArray buffer(int rows, int cols) {
      return LinearAlgebraKernels.columnMajor(type, cols, rows, null);
    }

    /** out = h r for step buffers: h [batch, hidden], r a block of R^T, out [batch, width] */
    void step(INDArray h, INDArray r, INDArray out) {
      LinearAlgebraKernels.gemmColumnMajor(r, h, out);
    }

    /** Frees the per-run copies (weights built this run, the column-major input). */
    void close() {
      if (weights != fixed) {
        weights.close();
      }
      if (xColumns != null) {
        xColumns.close();
      }
    }

    /** @return Y from [seq, dirs, batch, hidden] values, in the node's layout and type */
    INDArray y(double[] v, DataType out) {
      INDArray y = NdArrays.of(out, new long[] {seq, dirs, batch, hidden}, v);
      return batchMajor ? LayoutKernels.transpose(y, new long[] {2, 0, 1, 3}) : y;
    }

    /** @return a final state from [dirs, batch, hidden] values, in the node's layout and type */
    INDArray state(double[] v, DataType out) {
      INDArray s = NdArrays.of(out, new long[] {dirs, batch, hidden}, v);
      return batchMajor ? LayoutKernels.transpose(s, new long[] {1, 0, 2}) : s;
    }
  }
}
