package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A model compiled on one backend, ready to run. Holds native resources: close it. A session
 * may be used from one thread at a time; create one session per thread for parallel use.
 */
public final class Session implements AutoCloseable {
  private final Executable executable;
  private final String backendName;
  private final InputChecker checker;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private volatile boolean closed;

  Session(Executable executable, String backendName, List<TensorSpec> inputs,
      List<TensorSpec> required, List<TensorSpec> outputs) {
    this.executable = executable;
    this.backendName = backendName;
    this.checker = new InputChecker(inputs, required);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /** Compiles a prepared model on the chosen backend. */
  static Session open(IrModel prepared, SessionOptions options) {
    Backends.Compiled compiled = Backends.compile(options.backend(), prepared, options.threads());
    Graph g = prepared.graph();
    return new Session(compiled.executable(), compiled.backend().name(),
        g.inputs().stream().map(TensorSpec::of).toList(),
        g.requiredInputs().stream().map(TensorSpec::of).toList(),
        g.outputs().stream().map(TensorSpec::of).toList());
  }

  /**
   * Runs the model once.
   *
   * @param feeds a tensor for every required input (inputs with initializer defaults may be
   *     left out)
   * @return every model output by name, in the model's output order
   * @throws IllegalArgumentException for an unknown or missing input name, a wrong element
   *     type, or a shape that cannot match; nothing reaches native code then
   * @throws RnnxException with code CLOSED after {@link #close()}, BACKEND_FAILURE when the
   *     backend fails
   */
  public Map<String, Tensor> run(Map<String, Tensor> feeds) {
    ensureOpen();
    checker.check(feeds);
    return executable.run(feeds);
  }

  /** @return the inputs a caller may feed */
  public List<TensorSpec> inputs() {
    return inputs;
  }

  /** @return the inputs a caller must feed (no initializer default) */
  List<TensorSpec> requiredInputs() {
    return checker.required();
  }

  /** @return the outputs every run returns */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** @return the backend running this session, e.g. {@code ort} or {@code ort-cuda} */
  public String backendName() {
    return backendName;
  }

  private void ensureOpen() {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, "session is closed");
    }
  }

  /** Releases the backend's native resources; later calls to {@link #run} throw. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      executable.close();
    }
  }
}
