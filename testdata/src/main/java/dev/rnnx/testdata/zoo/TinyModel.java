package dev.rnnx.testdata.zoo;

import static dev.rnnx.tensor.ElementType.FLOAT;

import dev.rnnx.testdata.builder.ModelBuilder;
import dev.rnnx.testdata.reference.Gemm;
import dev.rnnx.testdata.reference.RecurrentAttributes;
import dev.rnnx.testdata.reference.RecurrentOutputs;
import dev.rnnx.testdata.zoo.RecurrentLayer.Kind;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * {@code lstm_tiny}, the model the README's first command runs: a one-layer forward LSTM (input
 * 4, hidden 8, sequence 5, batch 1) whose last hidden state feeds a Gemm head of 3 logits.
 */
final class TinyModel {
  private static final long OPSET = 17;

  private TinyModel() {}

  static ZooSpec lstmTiny() {
    String name = "lstm_tiny";
    Weights rnd = new Weights(name);
    int hidden = 8;
    RecurrentLayer lstm = RecurrentLayer.random(Kind.LSTM, RecurrentAttributes.hidden(hidden), 4,
        rnd, "lstm", true, false);
    Tensor headW = rnd.uniform(1 / Math.sqrt(hidden), 3, hidden); // [3, 8], Gemm transB=1
    Tensor headB = rnd.uniform(1 / Math.sqrt(hidden), 3);
    ModelBuilder m = ModelBuilder.opset(OPSET).input("X", FLOAT, 5, 1, 4);
    lstm.addTo(m, "X", null, null, null, "Y", "Y_h");
    byte[] model = m.initializer("axis0", Tensor.of(new long[] {0}, 1))
        .initializer("head_W", headW).initializer("head_B", headB)
        .node("Squeeze").inputs("Y_h", "axis0").outputs("h_last").done()
        .node("Gemm").inputs("h_last", "head_W", "head_B").outputs("logits")
        .attr("transB", 1).done()
        .output("Y", FLOAT, 5, 1, 1, hidden)
        .output("logits", FLOAT, 1, 3)
        .toBytes();
    ZooReference reference = in -> {
      RecurrentOutputs r = lstm.run(in.get("X"), null, null, null);
      Tensor logits = Gemm.gemm(r.yH().reshape(1, hidden), headW, headB, 1, 1, false, true);
      return Map.of("Y", r.y(), "logits", logits);
    };
    return new ZooSpec(name, "the quick-start model: 1-layer forward LSTM (input 4, hidden 8, seq 5, "
        + "batch 1), Squeeze, Gemm head with transB", OPSET, model,
        Map.of("X", rnd.normal(1, 5, 1, 4)), List.of("Y", "logits"), true, reference);
  }
}
