package dev.rnnx.bench;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The models the benchmarks run when none is given. */
public final class BenchModels {
  private BenchModels() {}

  /**
   * An LSTM cell with explicit state, as streaming exporters write it: inputs x [1, batch,
   * input], h and c [1, batch, hidden]; outputs y [1, 1, batch, hidden], hn and cn.
   *
   * @param input input features
   * @param hidden hidden size
   * @param seed weight seed
   * @return the model
   */
  public static IrModel lstmCell(int input, int hidden, long seed) {
    return cell("LSTM", input, hidden, seed, List.of());
  }

  /**
   * A GRU cell with explicit state: inputs x [1, batch, input], h [1, batch, hidden]; outputs
   * y [1, 1, batch, hidden] and hn.
   *
   * @param input input features
   * @param hidden hidden size
   * @param seed weight seed
   * @return the model
   */
  public static IrModel gruCell(int input, int hidden, long seed) {
    return cell("GRU", input, hidden, seed, List.of(Attribute.of("linear_before_reset", 1)));
  }

  /** A recurrent cell with explicit state: h (and c for LSTM) in, hn (and cn) out. */
  private static IrModel cell(String op, int input, int hidden, long seed,
      List<Attribute> attributes) {
    Random r = new Random(seed);
    boolean lstm = op.equals("LSTM");
    int gates = lstm ? 4 : 3;
    Graph g = new Graph("bench_" + op.toLowerCase(Locale.ROOT) + "_cell");
    Dim batch = Dim.of("batch");
    g.inputs().add(new ValueInfo("x", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), batch, Dim.of(input)))));
    ValueType.TensorType state = ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), batch, Dim.of(hidden)));
    List<String> states = lstm ? List.of("h", "c") : List.of("h");
    states.forEach(name -> g.inputs().add(new ValueInfo(name, state)));
    g.initializers().put("W", random(r, 0.1, 1, gates * hidden, input));
    g.initializers().put("R", random(r, 0.1, 1, gates * hidden, hidden));
    g.initializers().put("B", random(r, 0.1, 1, 2 * gates * hidden));
    List<String> inputs = new ArrayList<>(List.of("x", "W", "R", "B", ""));
    inputs.addAll(states);
    List<String> outputs = new ArrayList<>(List.of("y"));
    states.forEach(name -> outputs.add(name + "n"));
    List<Attribute> all = new ArrayList<>(List.of(Attribute.of("hidden_size", hidden)));
    all.addAll(attributes);
    g.nodes().add(Node.of(op.toLowerCase(Locale.ROOT), op, inputs, outputs, all));
    g.outputs().add(new ValueInfo("y", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), Dim.of(1), batch, Dim.of(hidden)))));
    states.forEach(name -> g.outputs().add(new ValueInfo(name + "n", state)));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-bench", "", "", g);
  }

  /**
   * A whole-sequence recurrent layer with zero initial state: input x [seq, 1, input]
   * (seq free); outputs y [seq, 1, 1, hidden] and the final hidden state.
   *
   * @param op LSTM or GRU
   * @param input input features
   * @param hidden hidden size
   * @param seed weight seed
   * @return the model
   */
  public static IrModel sequence(String op, int input, int hidden, long seed) {
    Random r = new Random(seed);
    int gates = op.equals("LSTM") ? 4 : 3;
    Graph g = new Graph("bench_" + op.toLowerCase(Locale.ROOT) + "_sequence");
    Dim seq = Dim.of("seq");
    g.inputs().add(new ValueInfo("x", ValueType.tensor(ElementType.FLOAT,
        Shape.of(seq, Dim.of(1), Dim.of(input)))));
    g.initializers().put("W", random(r, 0.1, 1, gates * hidden, input));
    g.initializers().put("R", random(r, 0.1, 1, gates * hidden, hidden));
    g.initializers().put("B", random(r, 0.1, 1, 2 * gates * hidden));
    g.nodes().add(Node.of("rnn", op, List.of("x", "W", "R", "B"), List.of("y", "hn"),
        List.of(Attribute.of("hidden_size", hidden))));
    g.outputs().add(new ValueInfo("y", ValueType.tensor(ElementType.FLOAT,
        Shape.of(seq, Dim.of(1), Dim.of(1), Dim.of(hidden)))));
    g.outputs().add(new ValueInfo("hn", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), Dim.of(1), Dim.of(hidden)))));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-bench", "", "", g);
  }

  /**
   * A ConvLSTM cell (Shi et al. 2015, without peepholes): gates = Conv(Concat(x, h)) with a
   * 3x3 kernel and same padding, split into i, f, o, g; c' = sigmoid(f) c + sigmoid(i)
   * tanh(g); h' = sigmoid(o) tanh(c'). Inputs x [1, channels, size, size], h and c [1,
   * hidden, size, size]; outputs hn and cn.
   *
   * @param channels input channels
   * @param hidden hidden channels
   * @param size grid height and width
   * @param seed weight seed
   * @return the model
   */
  public static IrModel convLstmCell(int channels, int hidden, int size, long seed) {
    Random r = new Random(seed);
    Graph g = new Graph("bench_convlstm_cell");
    Dim batch = Dim.of("batch");
    g.inputs().add(new ValueInfo("x", ValueType.tensor(ElementType.FLOAT,
        Shape.of(batch, Dim.of(channels), Dim.of(size), Dim.of(size)))));
    ValueType.TensorType state = ValueType.tensor(ElementType.FLOAT,
        Shape.of(batch, Dim.of(hidden), Dim.of(size), Dim.of(size)));
    g.inputs().add(new ValueInfo("h", state));
    g.inputs().add(new ValueInfo("c", state));
    g.initializers().put("W", random(r, 0.1, 4 * hidden, channels + hidden, 3, 3));
    g.initializers().put("B", random(r, 0.1, 4 * hidden));
    g.nodes().add(Node.of("concat", "Concat", List.of("x", "h"), List.of("xh"),
        List.of(Attribute.of("axis", 1))));
    g.nodes().add(Node.of("conv", "Conv", List.of("xh", "W", "B"), List.of("gates"),
        List.of(Attribute.ints("kernel_shape", 3, 3), Attribute.ints("pads", 1, 1, 1, 1))));
    g.nodes().add(Node.of("split", "Split", List.of("gates"), List.of("i", "f", "o", "g"),
        List.of(Attribute.of("axis", 1), Attribute.of("num_outputs", 4))));
    for (String gate : List.of("i", "f", "o")) {
      g.nodes().add(Node.of("sig_" + gate, "Sigmoid", List.of(gate), List.of(gate + "s"),
          List.of()));
    }
    g.nodes().add(Node.of("tanh_g", "Tanh", List.of("g"), List.of("gt"), List.of()));
    g.nodes().add(Node.of("keep", "Mul", List.of("fs", "c"), List.of("kept"), List.of()));
    g.nodes().add(Node.of("write", "Mul", List.of("is", "gt"), List.of("written"), List.of()));
    g.nodes().add(Node.of("cell", "Add", List.of("kept", "written"), List.of("cn"), List.of()));
    g.nodes().add(Node.of("tanh_c", "Tanh", List.of("cn"), List.of("ct"), List.of()));
    g.nodes().add(Node.of("out", "Mul", List.of("os", "ct"), List.of("hn"), List.of()));
    g.outputs().add(new ValueInfo("hn", state));
    g.outputs().add(new ValueInfo("cn", state));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 18L), Map.of(), "rnnx-bench", "", "", g);
  }

  /**
   * @param r random source
   * @param scale standard deviation
   * @param shape dims
   * @return a float tensor of Gaussian values
   */
  public static Tensor random(Random r, double scale, long... shape) {
    float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return Tensor.of(v, shape);
  }
}
