package dev.rnnx.runtime.spi;

import dev.rnnx.converter.ir.IrModel;
import java.util.Optional;

/** One way to execute RNNX graphs (ONNX Runtime on CPU or CUDA, ...). */
public interface Backend {
  /** @return a short name for logs and messages, e.g. {@code ort} */
  String name();

  /**
   * @param model a prepared model
   * @return why this backend cannot run it, or empty when it can
   */
  Optional<String> unsupportedReason(IrModel model);

  /**
   * Compiles a prepared model for execution.
   *
   * @param model the prepared model
   * @param threads intra-op threads, 0 for the backend's default
   * @return the executable; the caller closes it
   */
  Executable compile(IrModel model, int threads);
}
