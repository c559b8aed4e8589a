package dev.rnnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.cli.RnnxCli;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark models compute the same on the nd4j backend (its heap path) as on ONNX
 * Runtime, the reference, so the benchmark compares like with like; and `rnnx bench nd4j`
 * reports every workload.
 */
class BenchModelsTest {
  private static void assertBackendsAgree(IrModel ir, Map<String, Tensor> feeds) {
    Model model = Model.of(ir);
    try (Session ort = model.newSession(SessionOptions.defaults()
            .withBackend(BackendChoice.ORT));
        Session nd4j = model.newSession(SessionOptions.defaults()
            .withBackend(BackendChoice.ND4J))) {
      Map<String, Tensor> expected = ort.run(feeds);
      Map<String, Tensor> actual = nd4j.run(feeds);
      for (String name : expected.keySet()) {
        Optional<String> diff = TensorComparison.mismatch(expected.get(name), actual.get(name),
            1e-4, 1e-5);
        assertTrue(diff.isEmpty(), ir.graph().name() + " " + name + ": " + diff.orElse(""));
      }
    }
  }

  @Test
  void cellsAgreeWithOnnxRuntime() {
    Random r = new Random(7);
    assertBackendsAgree(BenchModels.lstmCell(16, 32, 1), Map.of(
        "x", BenchModels.random(r, 1, 1, 3, 16), "h", BenchModels.random(r, 1, 1, 3, 32),
        "c", BenchModels.random(r, 1, 1, 3, 32)));
    assertBackendsAgree(BenchModels.gruCell(16, 32, 1), Map.of(
        "x", BenchModels.random(r, 1, 1, 3, 16), "h", BenchModels.random(r, 1, 1, 3, 32)));
    assertBackendsAgree(BenchModels.convLstmCell(3, 4, 6, 1), Map.of(
        "x", BenchModels.random(r, 1, 2, 3, 6, 6), "h", BenchModels.random(r, 1, 2, 4, 6, 6),
        "c", BenchModels.random(r, 1, 2, 4, 6, 6)));
  }

  @Test
  void sequencesAgreeWithOnnxRuntime() {
    Random r = new Random(8);
    for (String op : new String[] {"LSTM", "GRU"}) {
      assertBackendsAgree(BenchModels.sequence(op, 12, 24, 1),
          Map.of("x", BenchModels.random(r, 1, 30, 1, 12)));
    }
  }

  @Test
  void benchNd4jReportsEveryWorkload() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(new String[] {"bench", "nd4j", "--hidden", "8", "--seq", "5",
        "--steps", "20", "--rounds", "1"}, new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    for (String row : new String[] {"LSTM 8, one step:", "LSTM 8, 5 steps:", "GRU 8, one step:",
        "GRU 8, 5 steps:", "ConvLSTM 8->16 on 16x16, one step:"}) {
      assertTrue(out.toString().contains(row), out.toString());
    }
  }
}
