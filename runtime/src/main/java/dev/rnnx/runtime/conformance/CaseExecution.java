package dev.rnnx.runtime.conformance;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.converter.onnx.TestValue;
import dev.rnnx.converter.onnx.TestValue.OptionalValue;
import dev.rnnx.converter.onnx.TestValue.TensorValue;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one case in this JVM: loads the model, opens a session on the backend, feeds every data
 * set's inputs (input {@code i} is the graph's input {@code i}, as ONNX's runner feeds them) and
 * compares every output with its reference. It never throws: a failure of any kind, an
 * {@link OutOfMemoryError} included, becomes a failed result whose reason is one line.
 */
final class CaseExecution {
  private final SessionOptions options;

  /**
   * @param backend the backend to run on
   * @param threads intra-op threads per session, 0 for the backend's default
   */
  CaseExecution(BackendChoice backend, int threads) {
    this.options = SessionOptions.defaults().withBackend(backend).withThreads(threads);
  }

  /**
   * @param c the case
   * @return its result; {@link CaseResult#op()} is left empty for the caller to fill
   */
  CaseResult run(OnnxTestCase c) {
    long start = System.nanoTime();
    CaseResult.Outcome outcome;
    String reason;
    try {
      reason = judge(c).orElse("");
      outcome = reason.isEmpty() ? CaseResult.Outcome.PASSED : CaseResult.Outcome.FAILED;
    } catch (Skip e) {
      outcome = CaseResult.Outcome.SKIPPED;
      reason = e.getMessage();
    } catch (RnnxException e) {
      outcome = e.code() == ErrorCode.BACKEND_UNAVAILABLE ? CaseResult.Outcome.SKIPPED
          : CaseResult.Outcome.FAILED;
      reason = text(e);
    } catch (OutOfMemoryError e) {
      outcome = CaseResult.Outcome.FAILED;
      reason = "out of memory: " + e.getMessage();
    } catch (StackOverflowError e) {
      outcome = CaseResult.Outcome.FAILED;
      reason = "stack overflow";
    } catch (RuntimeException | LinkageError e) {
      outcome = CaseResult.Outcome.FAILED;
      reason = e instanceof IllegalArgumentException ? text(e)
          : e.getClass().getSimpleName() + ": " + text(e);
    }
    return new CaseResult(c.name(), "", outcome, reason,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** @return the first mismatch, or empty when every data set matched */
  private Optional<String> judge(OnnxTestCase c) {
    List<Path> dataSets = c.dataSets();
    if (dataSets.isEmpty()) {
      throw new Skip("no test_data_set folders");
    }
    Model model = Model.load(c.model());
    Graph g = model.ir().graph();
    try (Session session = model.newSession(options)) {
      for (Path dataSet : dataSets) {
        String where = dataSets.size() > 1 ? dataSet.getFileName() + ": " : "";
        Optional<String> m = judge(session, g, dataSet).map(where::concat);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> judge(Session session, Graph g, Path dataSet) {
    List<TestValue> inputs = OnnxTestCase.values(dataSet, "input", types(g.inputs()));
    List<TestValue> expected = OnnxTestCase.values(dataSet, "output", types(g.outputs()));
    if (inputs.size() > g.inputs().size()) {
      return Optional.of("the data set has " + inputs.size() + " inputs, the model "
          + g.inputs().size());
    }
    if (expected.size() != g.outputs().size()) {
      return Optional.of("the data set has " + expected.size() + " outputs, the model "
          + g.outputs().size());
    }
    Map<String, Tensor> actual = session.run(feeds(g.inputs(), inputs));
    for (int k = 0; k < expected.size(); k++) {
      String name = g.outputs().get(k).name();
      Tensor value = actual.get(name);
      if (value == null) {
        return Optional.of("output '" + name + "' is missing from the results");
      }
      Optional<String> m = ValueComparison.mismatch(expected.get(k), new TensorValue(value));
      if (m.isPresent()) {
        return Optional.of("output '" + name + "' " + m.get());
      }
    }
    return Optional.empty();
  }

  /** Tensors are fed as they are, a present optional as its tensor, an empty one not at all. */
  private static Map<String, Tensor> feeds(List<ValueInfo> graphInputs, List<TestValue> values) {
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String name = graphInputs.get(i).name();
      TestValue v = values.get(i);
      if (v instanceof OptionalValue o) {
        if (!o.isPresent()) {
          continue;
        }
        v = o.element();
      }
      if (!(v instanceof TensorValue t)) {
        throw new RnnxException(ErrorCode.UNSUPPORTED, "input '" + name + "' is a "
            + v.describe() + "; RNNX sessions take tensors only");
      }
      feeds.put(name, t.tensor());
    }
    return feeds;
  }

  private static List<ValueType> types(List<ValueInfo> values) {
    return values.stream().map(ValueInfo::type).toList();
  }

  private static String text(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** A case that cannot be judged. */
  private static final class Skip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skip(String reason) {
      super(reason, null, false, false);
    }
  }
}
