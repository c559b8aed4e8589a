package dev.rnnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.tensor.TensorComparison;
import dev.rnnx.tensor.Tensors;
import dev.rnnx.testdata.zoo.Zoo;
import dev.rnnx.testdata.zoo.ZooModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zoo models fed one frame at a time equal one run over the whole sequence: explicit state
 * pairs (initial_h/Y_h, h0/h_final) and streamed whole-sequence models alike, exporters'
 * Shape/ConstantOfShape initial states, Keras-style batch-major inputs and sequence_lens
 * included. Models that cannot be streamed are refused.
 */
class ZooStepTest {
  private static final StepOptions ORT = StepOptions.defaults().backend(BackendChoice.ORT)
      .threads(1);

  @ParameterizedTest
  @ValueSource(strings = {"lstm_forward", "gru_forward", "gru_forward_lbr", "rnn_forward",
      "lstm_peepholes", "lstm_input_forget", "lstm_stacked", "rnn_stacked", "pytorch_lstm",
      "keras_lstm", "keras_gru", "gru_classifier", "convlstm_scan"})
  void steppedEqualsOneRun(String name) {
    ZooModel zoo = Zoo.model(name);
    Model model = Model.load(zoo.modelFile());
    Map<String, Tensor> inputs = zoo.readInputs();
    Map<String, Tensor> full;
    try (Session s = model.newSession(ORT.session())) {
      full = s.run(inputs);
    }
    try (StepSession s = model.newStepSession(ORT)) {
      TensorSpec sequence = s.frameInputs().stream().filter(f -> timeAxis(f) >= 0).findFirst()
          .orElseThrow();
      int axis = timeAxis(sequence);
      Tensor whole = inputs.get(sequence.name());
      int steps = Math.toIntExact(whole.dim(axis));
      Tensor lengths = s.frameInputs().stream().filter(f -> f.type() == ElementType.INT32)
          .map(f -> inputs.get(f.name())).findFirst().orElse(null);
      List<Tensor> frames = Tensors.split(whole, axis, ones(steps));
      Map<String, Tensor> state = new HashMap<>();
      s.statePairs().forEach(p -> state.put(p.input(), inputs.getOrDefault(p.input(),
          s.state().tensors().get(p.input()))));
      if (!state.isEmpty() && inputs.keySet().containsAll(state.keySet())) {
        s.restore(new RecurrentState(s.state().modelFingerprint(), 0, state));
      }
      List<Map<String, Tensor>> outputs = new ArrayList<>();
      for (int t = 0; t < steps; t++) {
        Map<String, Tensor> frame = new HashMap<>(Map.of(sequence.name(), frames.get(t)));
        if (lengths != null) {
          frame.put(lengthsName(s), active(lengths, t));
        }
        outputs.add(s.step(frame).outputs());
      }
      for (Map.Entry<String, Tensor> e : full.entrySet()) {
        int outAxis = timeAxis(spec(s, e.getKey()));
        Tensor expected = e.getValue();
        Tensor actual;
        if (outAxis >= 0) {
          List<Tensor> perStep = outputs.stream().map(o -> o.get(e.getKey())).toList();
          actual = Tensors.concat(perStep, outAxis);
        } else if (lengths != null) {
          actual = rowsAtOwnEnd(outputs, e.getKey(), lengths);
        } else {
          actual = outputs.get(steps - 1).get(e.getKey());
        }
        assertEquals("", TensorComparison.mismatch(expected, actual, TensorComparison.ONNX_RTOL,
            1e-5).orElse(""), e.getKey());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_reverse", "gru_bidirectional", "rnn_reverse", "gru_stacked",
      "lstm_seq_lens"})
  void reverseAndBidirectionalAreRefused(String name) {
    Model model = Model.load(Zoo.model(name).modelFile());
    RnnxException e = assertThrows(RnnxException.class, () -> model.newStepSession(ORT));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
  }

  /** The axis a declared shape names seq or time, or -1. */
  private static int timeAxis(TensorSpec spec) {
    if (spec == null || spec.dims() == null) {
      return -1;
    }
    for (int i = 0; i < spec.dims().size(); i++) {
      if (spec.dims().get(i) instanceof Dim.Symbolic d
          && (d.name().equals("seq") || d.name().equals("time"))) {
        return i;
      }
    }
    return -1;
  }

  private static TensorSpec spec(StepSession s, String output) {
    return s.outputs().stream().filter(o -> o.name().equals(output)).findFirst().orElse(null);
  }

  private static String lengthsName(StepSession s) {
    return s.frameInputs().stream().filter(f -> f.type() == ElementType.INT32).findFirst()
        .orElseThrow().name();
  }

  /** Per-stream lengths of this step: 1 while the stream runs, 0 once it has ended. */
  private static Tensor active(Tensor lengths, int t) {
    int[] a = new int[lengths.size()];
    for (int b = 0; b < a.length; b++) {
      a[b] = t < lengths.getLong(b) ? 1 : 0;
    }
    return Tensor.of(a, a.length);
  }

  /** Row b of an output [batch, ...] taken at stream b's own last step. */
  private static Tensor rowsAtOwnEnd(List<Map<String, Tensor>> outputs, String name,
      Tensor lengths) {
    int batch = lengths.size();
    List<Tensor> rows = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      Tensor atEnd = outputs.get(Math.toIntExact(lengths.getLong(b)) - 1).get(name);
      rows.add(Tensors.split(atEnd, 0, ones(batch)).get(b));
    }
    return Tensors.concat(rows, 0);
  }

  private static int[] ones(int n) {
    int[] ones = new int[n];
    java.util.Arrays.fill(ones, 1);
    return ones;
  }
}
