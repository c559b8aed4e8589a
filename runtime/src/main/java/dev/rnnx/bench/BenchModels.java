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
import java.util.List;
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
    Random r = new Random(seed);
    Graph g = new Graph("bench_lstm_cell");
    Dim batch = Dim.of("batch");
    g.inputs().add(new ValueInfo("x", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), batch, Dim.of(input)))));
    ValueType.TensorType state = ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), batch, Dim.of(hidden)));
    g.inputs().add(new ValueInfo("h", state));
    g.inputs().add(new ValueInfo("c", state));
    g.initializers().put("W", random(r, 0.1, 1, 4 * hidden, input));
    g.initializers().put("R", random(r, 0.1, 1, 4 * hidden, hidden));
    g.initializers().put("B", random(r, 0.1, 1, 8 * hidden));
    g.nodes().add(Node.of("lstm", "LSTM", List.of("x", "W", "R", "B", "", "h", "c"),
        List.of("y", "hn", "cn"), List.of(Attribute.of("hidden_size", hidden))));
    g.outputs().add(new ValueInfo("y", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of(1), Dim.of(1), batch, Dim.of(hidden)))));
    g.outputs().add(new ValueInfo("hn", state));
    g.outputs().add(new ValueInfo("cn", state));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-bench", "", "", g);
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
