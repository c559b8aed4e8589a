package dev.rnnx.flink;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small whole-sequence recurrent models with seeded random weights (the runtime's test models,
 * rebuilt here): X [seq, batch, 4] through stacked forward LSTMs of hidden size 5, then a linear
 * head to {@code logits} [seq, batch, 3]. Streamed, each layer's h and c become state.
 */
public final class TestModels {
  /** Features per frame. */
  public static final int INPUT = 4;
  /** Hidden size of every layer. */
  public static final int HIDDEN = 5;

  private TestModels() {}

  /** @return a 2-layer LSTM with a head, as a {@link StepModel} on the CPU backend */
  public static StepModel lstm() {
    return StepModel.of(lstmBytes(2, false, 7)).withBackend(BackendChoice.ORT);
  }

  /**
   * @param layers stacked LSTM layers
   * @param sequenceLens whether the first layer takes {@code sequence_lens} from a second
   *     frame input {@code lens} [batch] (int32)
   * @param seed weight seed
   * @return the ONNX bytes
   */
  public static byte[] lstmBytes(int layers, boolean sequenceLens, long seed) {
    return OnnxWriter.toBytes(build(layers, sequenceLens, seed));
  }

  /**
   * @param r a random source
   * @param shape the dims
   * @return a float tensor of gaussian values (sd 0.5)
   */
  public static Tensor random(Random r, long... shape) {
    float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * 0.5);
    }
    return Tensor.of(v, shape);
  }

  private static IrModel build(int layers, boolean sequenceLens, long seed) {
    Random r = new Random(seed);
    Graph g = new Graph("stacked_LSTM");
    g.inputs().add(new ValueInfo("X", ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of("seq"), Dim.of("batch"), Dim.of(INPUT)))));
    if (sequenceLens) {
      g.inputs().add(new ValueInfo("lens", ValueType.tensor(ElementType.INT32,
          Shape.of(Dim.of("batch")))));
    }
    String x = "X";
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? INPUT : HIDDEN;
      g.initializers().put("W" + l, random(r, 1, 4 * HIDDEN, in));
      g.initializers().put("R" + l, random(r, 1, 4 * HIDDEN, HIDDEN));
      g.initializers().put("B" + l, random(r, 1, 8 * HIDDEN));
      List<String> ins = new ArrayList<>(List.of(x, "W" + l, "R" + l, "B" + l));
      if (sequenceLens && l == 0) {
        ins.add("lens");
      }
      g.nodes().add(Node.of("lstm" + l, "LSTM", ins, List.of("Y" + l, "Y_h" + l, "Y_c" + l),
          List.of(Attribute.of("hidden_size", HIDDEN))));
      g.initializers().put("axes" + l, Tensor.of(new long[] {1}, 1));
      g.nodes().add(Node.of("squeeze" + l, "Squeeze", List.of("Y" + l, "axes" + l),
          List.of("S" + l), List.of()));
      x = "S" + l;
    }
    g.initializers().put("Wh", random(r, HIDDEN, 3));
    g.initializers().put("Bh", random(r, 3));
    g.nodes().add(Node.of("head", "MatMul", List.of(x, "Wh"), List.of("Z"), List.of()));
    g.nodes().add(Node.of("bias", "Add", List.of("Z", "Bh"), List.of("logits"), List.of()));
    g.outputs().add(new ValueInfo("logits", null));
    return new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-test", "", "", g);
  }
}
