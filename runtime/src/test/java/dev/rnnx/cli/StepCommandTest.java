package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.RecurrentModels;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnx step} over a stream file equals one full run over the same frames. */
class StepCommandTest {
  @TempDir Path tmp;

  @Test
  void stepsAWholeSequenceModelFrameByFrame() throws IOException {
    Path model = tmp.resolve("lstm.onnx");
    OnnxWriter.write(RecurrentModels.stackedIr("LSTM", 1, true, Map.of(), 17), model);
    Tensor x = RecurrentModels.random(new Random(3), 6, 1, RecurrentModels.INPUT); // [T, 1, 4]
    Npy.write(x, tmp.resolve("x.npy"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(new String[] {"step", model.toString(), "--backend", "ort",
        "--input", "X=" + tmp.resolve("x.npy"), "--output-dir", tmp.resolve("out").toString()},
        new PrintWriter(out), new PrintWriter(err));
    assertEquals(0, status, err.toString());
    assertTrue(out.toString().contains("state pairs: lstm0.initial_h=Y_h0, lstm0.initial_c=Y_c0"),
        out.toString());
    Tensor logits = Npy.read(tmp.resolve("out").resolve("logits.npy")); // [T, 1, 1, 3]
    assertArrayEquals(new long[] {6, 1, 1, 3}, logits.shape());
    try (Session s = Model.load(model).newSession(SessionOptions.defaults()
        .withBackend(BackendChoice.ORT))) {
      Tensor full = s.run(Map.of("X", x)).get("logits"); // [T, 1, 3]
      assertEquals("", TensorComparison.mismatch(full, logits.reshape(6, 1, 3), 0, 1e-5)
          .orElse(""));
    }
    assertArrayEquals(new long[] {6, 1, 1, RecurrentModels.HIDDEN},
        Npy.read(tmp.resolve("out").resolve("Y_h0.npy")).shape());
  }

  @Test
  void aModelThatCannotBeSteppedExitsWithTheReason() throws IOException {
    Path model = tmp.resolve("gru.onnx");
    OnnxWriter.write(RecurrentModels.stackedIr("GRU", 1, false, Map.of("direction",
        dev.rnnx.converter.ir.Attribute.of("direction", "reverse")), 1), model);
    Npy.write(RecurrentModels.random(new Random(3), 2, 1, 4), tmp.resolve("x.npy"));
    StringWriter err = new StringWriter();
    int status = RnnxCli.execute(new String[] {"step", model.toString(), "--backend", "ort",
        "--input", "X=" + tmp.resolve("x.npy"), "--output-dir", tmp.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(1, status);
    assertTrue(err.toString().startsWith("rnnx: error: node 'gru0' (GRU) runs reverse"),
        err.toString());
  }
}
