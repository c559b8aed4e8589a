package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.testdata.Approx;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the walk over sequences against simpler runs of the same kernel: a batch entry with a
 * sequence length behaves as that entry alone, cut to its length; layout 1 is layout 0
 * transposed; a bidirectional node is a forward and a reverse node side by side; per-direction
 * activations go to their own direction. (The single-step arithmetic is checked by hand in
 * {@link LstmTest} and {@link GruRnnTest}, and against the node tests and ONNX Runtime.)
 */
class RecurrentLoopTest {
  private static final int SEQ = 4;
  private static final int INPUT = 3;
  private static final int HIDDEN = 2;

  /** An operator, its gate count and whether it has a cell state and peepholes. */
  record Op(String name, int gates, boolean isLstm,
      BiFunction<RecurrentAttributes, RecurrentInputs, RecurrentOutputs> run) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> ops() {
    return Stream.of(
        Arguments.of(new Op("LSTM", 4, true, Lstm::run)),
        Arguments.of(new Op("GRU", 3, false, Gru::run)),
        Arguments.of(new Op("GRU lbr", 3, false,
            (a, in) -> Gru.run(a.withLinearBeforeReset(true), in))),
        Arguments.of(new Op("RNN", 1, false, Rnn::run)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void sequenceLensCutEachEntryToItsOwnLength(Op op) {
    for (Direction dir : Direction.values()) {
      int dirs = dir.count();
      int[] lens = {4, 1, 3};
      Random rnd = new Random(7);
      Tensor x = random(rnd, SEQ, lens.length, INPUT);
      RecurrentInputs full = inputs(op, rnd, dirs, x, lens.length)
          .withSequenceLens(Tensor.of(lens, lens.length));
      RecurrentAttributes attrs = RecurrentAttributes.hidden(HIDDEN).withDirection(dir);
      RecurrentOutputs batched = op.run().apply(attrs, full);
      double[][][][] y = NdArrays.array4(batched.y()); // [seq, dirs, batch, hidden]
      for (int b = 0; b < lens.length; b++) {
        RecurrentOutputs alone = op.run().apply(attrs, entry(full, b, lens[b], op.isLstm()));
        double[][][][] ya = NdArrays.array4(alone.y()); // [len, dirs, 1, hidden]
        for (int t = 0; t < SEQ; t++) {
          for (int d = 0; d < dirs; d++) {
            for (int j = 0; j < HIDDEN; j++) {
              double expected = t < lens[b] ? ya[t][d][0][j] : 0; // zero past the end
              assertEquals(expected, y[t][d][b][j], 1e-6, op + " " + dir + " Y t=" + t);
            }
          }
        }
        Approx.assertClose(alone.yH(), slice1(batched.yH(), b), op + " " + dir + " Y_h");
        if (op.isLstm()) {
          Approx.assertClose(alone.yC(), slice1(batched.yC(), b), op + " " + dir + " Y_c");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void layoutOneIsLayoutZeroTransposed(Op op) {
    Random rnd = new Random(11);
    int batch = 2;
    Tensor x = random(rnd, SEQ, batch, INPUT);
    RecurrentInputs in0 = inputs(op, rnd, 2, x, batch)
        .withSequenceLens(Tensor.of(new int[] {4, 2}, batch));
    RecurrentAttributes attrs0 =
        RecurrentAttributes.hidden(HIDDEN).withDirection(Direction.BIDIRECTIONAL);
    RecurrentOutputs out0 = op.run().apply(attrs0, in0);
    RecurrentInputs in1 = new RecurrentInputs(swap01(in0.x()), in0.w(), in0.r(), in0.b(),
        in0.sequenceLens(), swap01(in0.initialH()), swap01(in0.initialC()), in0.p());
    RecurrentOutputs out1 = op.run().apply(attrs0.withLayout(1), in1);
    // layout 1: Y [batch, seq, dirs, hidden], Y_h [batch, dirs, hidden]
    double[][][][] y0 = NdArrays.array4(out0.y()); // [seq, dirs, batch, hidden]
    double[][][][] y1 = NdArrays.array4(out1.y()); // [batch, seq, dirs, hidden]
    for (int t = 0; t < SEQ; t++) {
      for (int d = 0; d < 2; d++) {
        for (int b = 0; b < batch; b++) {
          for (int j = 0; j < HIDDEN; j++) {
            assertEquals(y0[t][d][b][j], y1[b][t][d][j], 1e-12);
          }
        }
      }
    }
    Approx.assertClose(swap01(out0.yH()), out1.yH(), op + " Y_h");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void bidirectionalIsForwardAndReverseSideBySide(Op op) {
    Random rnd = new Random(13);
    Tensor x = random(rnd, SEQ, 2, INPUT);
    RecurrentInputs both = inputs(op, rnd, 2, x, 2);
    // the second direction gets other activations, to check they reach only that direction
    String[] acts = op.isLstm()
        ? new String[] {"Sigmoid", "Tanh", "Tanh", "HardSigmoid", "Softsign", "Elu"}
        : op.gates() == 3 ? new String[] {"Sigmoid", "Tanh", "HardSigmoid", "Softsign"}
        : new String[] {"Tanh", "Softsign"};
    RecurrentAttributes attrs = RecurrentAttributes.hidden(HIDDEN)
        .withDirection(Direction.BIDIRECTIONAL).withActivations(acts);
    RecurrentOutputs out = op.run().apply(attrs, both);
    int half = acts.length / 2;
    String[] fwdActs = java.util.Arrays.copyOfRange(acts, 0, half);
    String[] revActs = java.util.Arrays.copyOfRange(acts, half, acts.length);
    RecurrentOutputs fwd = op.run().apply(attrs.withDirection(Direction.FORWARD)
        .withActivations(fwdActs), direction(both, 0));
    RecurrentOutputs rev = op.run().apply(attrs.withDirection(Direction.REVERSE)
        .withActivations(revActs), direction(both, 1));
    Approx.assertClose(fwd.yH().slice0(0), out.yH().slice0(0), op + " forward Y_h");
    Approx.assertClose(rev.yH().slice0(0), out.yH().slice0(1), op + " reverse Y_h");
    double[][][][] y = NdArrays.array4(out.y()); // [seq, 2, batch, hidden]
    double[][][][] yr = NdArrays.array4(rev.y()); // [seq, 1, batch, hidden]
    for (int t = 0; t < SEQ; t++) {
      assertEquals(yr[t][0][1][1], y[t][1][1][1], 1e-12);
    }
  }

  /** Random W, R, B, initial states (and P) for {@code dirs} directions. */
  private static RecurrentInputs inputs(Op op, Random rnd, int dirs, Tensor x, int batch) {
    int g = op.gates() * HIDDEN;
    RecurrentInputs in = RecurrentInputs.of(x, random(rnd, dirs, g, INPUT),
            random(rnd, dirs, g, HIDDEN))
        .withBias(random(rnd, dirs, 2 * g))
        .withInitialH(random(rnd, dirs, batch, HIDDEN));
    return op.isLstm()
        ? in.withInitialC(random(rnd, dirs, batch, HIDDEN)).withPeepholes(random(rnd, dirs, 3 * HIDDEN))
        : in;
  }

  /** Batch entry {@code b} alone, its first {@code len} steps, without sequence_lens. */
  private static RecurrentInputs entry(RecurrentInputs in, int b, int len, boolean lstm) {
    double[][][] x = NdArrays.array3(in.x()); // [seq, batch, input]
    double[][][] xb = new double[len][1][];
    for (int t = 0; t < len; t++) {
      xb[t][0] = x[t][b];
    }
    return new RecurrentInputs(NdArrays.tensor(ElementType.FLOAT, xb), in.w(), in.r(), in.b(),
        null, slice1(in.initialH(), b), lstm ? slice1(in.initialC(), b) : null, in.p());
  }

  /** Direction {@code d}'s weights and states as a one-direction node's inputs. */
  private static RecurrentInputs direction(RecurrentInputs in, int d) {
    return new RecurrentInputs(in.x(), one(in.w(), d), one(in.r(), d), one(in.b(), d), null,
        one(in.initialH(), d), one(in.initialC(), d), one(in.p(), d));
  }

  private static Tensor one(Tensor t, int d) {
    if (t == null) {
      return null;
    }
    Tensor s = t.slice0(d);
    long[] shape = new long[t.rank()];
    shape[0] = 1;
    System.arraycopy(s.shape(), 0, shape, 1, s.rank());
    return s.reshape(shape);
  }

  /** {@code [dirs, batch, hidden]} to {@code [dirs, 1, hidden]} holding entry {@code b}. */
  private static Tensor slice1(Tensor t, int b) {
    double[][][] a = NdArrays.array3(t);
    double[][][] out = new double[a.length][1][];
    for (int d = 0; d < a.length; d++) {
      out[d][0] = a[d][b];
    }
    return NdArrays.tensor(ElementType.FLOAT, out);
  }

  private static Tensor swap01(Tensor t) {
    if (t == null) {
      return null;
    }
    double[][][] a = NdArrays.array3(t);
    double[][][] out = new double[a[0].length][a.length][];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[j][i] = a[i][j];
      }
    }
    return NdArrays.tensor(ElementType.FLOAT, out);
  }

  private static Tensor random(Random rnd, long... shape) {
    float[] v = new float[(int) Tensor.elementCount(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * 0.5);
    }
    return Tensor.of(v, shape);
  }
}
