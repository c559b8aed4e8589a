package dev.rnnx.flink;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.runtime.StreamBatcher;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model and the step options to run it with, in a form Flink ships to its tasks: the ONNX
 * bytes travel with the job, so task managers need no shared file system. Immutable; each
 * {@code with} method returns a changed copy.
 */
public final class StepModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] onnx;
  private final BackendChoice backend;
  private final int threads;
  private final LinkedHashMap<String, byte[]> constants; // input -> .npy bytes
  private final ArrayList<String> statePairs; // "IN=OUT"

  private StepModel(byte[] onnx, BackendChoice backend, int threads,
      Map<String, byte[]> constants, List<String> statePairs) {
    this.onnx = onnx;
    this.backend = backend;
    this.threads = threads;
    this.constants = new LinkedHashMap<>(constants);
    this.statePairs = new ArrayList<>(statePairs);
  }

  /**
   * @param onnx a serialized ONNX model with all tensor data inline
   * @return the model on backend {@code auto} with one intra-op thread per task (Flink's
   *     parallelism gives the concurrency), no constants, state pairs found by name
   */
  public static StepModel of(byte[] onnx) {
    return new StepModel(onnx.clone(), BackendChoice.AUTO, 1, Map.of(), List.of());
  }

  /**
   * @param file an {@code .onnx} file with all tensor data inline
   * @return the model, as {@link #of(byte[])}
   * @throws RnnxException (IO) when the file cannot be read
   */
  public static StepModel load(Path file) {
    try {
      return of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot read model " + file + ": " + e, e);
    }
  }

  /**
   * @param choice the backend each task runs the model on
   * @return a copy using it
   */
  public StepModel withBackend(BackendChoice choice) {
    return new StepModel(onnx, Objects.requireNonNull(choice), threads, constants, statePairs);
  }

  /**
   * @param count intra-op threads per task; 0 for the backend's default
   * @return a copy using that many
   */
  public StepModel withThreads(int count) {
    return new StepModel(onnx, backend, count, constants, statePairs);
  }

  /**
   * @param input a graph input bound for the job's lifetime
   * @param value its value
   * @return a copy with the binding, as {@link StepOptions#constant}
   */
  public StepModel withConstant(String input, Tensor value) {
    Map<String, byte[]> c = new LinkedHashMap<>(constants);
    c.put(Objects.requireNonNull(input), Npy.toBytes(value));
    return new StepModel(onnx, backend, threads, c, statePairs);
  }

  /**
   * @param input a state input
   * @param output the output carrying its next value
   * @return a copy with the pair, as {@link StepOptions#state}
   */
  public StepModel withState(String input, String output) {
    List<String> s = new ArrayList<>(statePairs);
    s.add(Objects.requireNonNull(input) + "=" + Objects.requireNonNull(output));
    return new StepModel(onnx, backend, threads, constants, s);
  }

  /** @return the model, parsed */
  public Model model() {
    return Model.load(onnx);
  }

  /** @return the step options: backend, threads, constants and state pairs */
  public StepOptions options() {
    StepOptions options = StepOptions.defaults().backend(backend).threads(threads);
    for (Map.Entry<String, byte[]> c : constants.entrySet()) {
      options = options.constant(c.getKey(), Npy.parse(c.getValue()));
    }
    for (String pair : statePairs) {
      int eq = pair.indexOf('=');
      options = options.state(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return options;
  }

  /** @return a batcher for this model and options; close it */
  public StreamBatcher openBatcher() {
    return model().newStreamBatcher(options());
  }
}
