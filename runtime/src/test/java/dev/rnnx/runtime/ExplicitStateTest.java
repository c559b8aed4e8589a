package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A cell whose hidden state is a matrix, paired by name; and one Model shared by 8 threads. */
class ExplicitStateTest {
  private static final int N = 4;
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  /** S_next = tanh(S_prev @ A + x): x, S [batch, 4, 4], A [4, 4]. */
  private static Model matrixCell(float[] a) {
    Graph g = new Graph("matrix_cell");
    ValueType.TensorType t = ValueType.tensor(ElementType.FLOAT,
        Shape.of(Dim.of("batch"), Dim.of(N), Dim.of(N)));
    g.inputs().add(new ValueInfo("x", t));
    g.inputs().add(new ValueInfo("S_prev", t));
    g.initializers().put("A", Tensor.of(a, N, N));
    g.nodes().add(Node.of("mm", "MatMul", List.of("S_prev", "A"), List.of("SA"), List.of()));
    g.nodes().add(Node.of("add", "Add", List.of("SA", "x"), List.of("pre"), List.of()));
    g.nodes().add(Node.of("tanh", "Tanh", List.of("pre"), List.of("S_next"), List.of()));
    g.outputs().add(new ValueInfo("S_next", t));
    return Model.of(new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "", "", "", g));
  }

  /** The cell in plain loops, for one [4, 4] stream. */
  private static float[] referenceStep(float[] s, float[] a, float[] x) {
    float[] next = new float[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double sum = x[i * N + j];
        for (int k = 0; k < N; k++) {
          sum += s[i * N + k] * a[k * N + j];
        }
        next[i * N + j] = (float) Math.tanh(sum);
      }
    }
    return next;
  }

  @Test
  void matrixStateIsCarriedAndPairedByName() {
    Random r = new Random(5);
    float[] a = RecurrentModels.random(r, N, N).toFloatArray();
    Model model = matrixCell(a);
    try (StepSession s = model.newStepSession(ORT)) {
      assertEquals(List.of(new StatePair("S_prev", "S_next")), s.statePairs());
      float[] expected = new float[N * N];
      for (int t = 0; t < 10; t++) {
        Tensor x = RecurrentModels.random(r, 1, N, N);
        expected = referenceStep(expected, a, x.toFloatArray());
        Tensor actual = s.step(x).state("S_prev");
        assertEquals("", TensorComparison.mismatch(Tensor.of(expected, 1, N, N), actual,
            0, 1e-5).orElse(""), "step " + t);
      }
    }
  }

  @Test
  void eightThreadsShareOneModel() throws Exception {
    Model model = RecurrentModels.stacked("LSTM", 2, true, Map.of(), 77);
    int threads = 8;
    int frames = 40;
    List<Tensor> streams = new ArrayList<>();
    Random r = new Random(1);
    for (int i = 0; i < threads; i++) {
      streams.add(RecurrentModels.random(r, frames, 1, RecurrentModels.INPUT));
    }
    List<List<Tensor>> alone = new ArrayList<>();
    for (Tensor stream : streams) {
      alone.add(run(model, stream));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Tensor>>> futures = new ArrayList<>();
      for (Tensor stream : streams) {
        futures.add(pool.submit(() -> run(model, stream)));
      }
      for (int i = 0; i < threads; i++) {
        assertEquals(alone.get(i), futures.get(i).get(), "stream " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Tensor> run(Model model, Tensor stream) {
    List<Tensor> logits = new ArrayList<>();
    try (StepSession s = model.newStepSession(ORT)) {
      for (int t = 0; t < stream.dim(0); t++) {
        logits.add(s.step(stream.slice0(t).reshape(1, 1, RecurrentModels.INPUT))
            .output("logits"));
      }
    }
    return logits;
  }
}
