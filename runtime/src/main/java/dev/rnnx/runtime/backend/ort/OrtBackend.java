package dev.rnnx.runtime.backend.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.runtime.spi.Backend;
import dev.rnnx.runtime.spi.Executable;
import java.util.Optional;

/**
 * Runs graphs on ONNX Runtime, on the CPU or with the CUDA execution provider. The graph RNNX
 * prepared is written back to ONNX bytes and loaded from those, so ONNX Runtime executes
 * exactly the (transformed) graph every other backend sees.
 */
public final class OrtBackend implements Backend {
  private final boolean cuda;

  private OrtBackend(boolean cuda) {
    this.cuda = cuda;
  }

  /** @return the CPU backend */
  public static OrtBackend cpu() {
    return new OrtBackend(false);
  }

  /** @return the CUDA backend; {@link #compile} fails clearly when CUDA is unusable */
  public static OrtBackend cuda() {
    return new OrtBackend(true);
  }

  /** @return true when the ONNX Runtime build on the classpath offers the CUDA provider */
  public static boolean cudaProviderPresent() {
    try {
      return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** @return true when ONNX Runtime's native library loads on this machine */
  public static boolean available() {
    try {
      OrtEnvironment.getEnvironment();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String name() {
    return cuda ? "ort-cuda" : "ort";
  }

  @Override
  public Optional<String> unsupportedReason(IrModel model) {
    if (!available()) {
      return Optional.of("ONNX Runtime's native library does not load on this machine");
    }
    return Optional.empty();
  }

  @Override
  public Executable compile(IrModel model, int threads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
      }
      if (cuda) {
        addCuda(options);
      }
      OrtSession session = env.createSession(OnnxWriter.toBytes(NodeNames.distinct(model)),
          options);
      return new OrtExecutable(env, session, name());
    } catch (OrtException e) {
      throw new RnnxException(ErrorCode.BACKEND_FAILURE,
          "ONNX Runtime cannot load the model: " + e.getMessage(), e);
    }
  }

  private static void addCuda(OrtSession.SessionOptions options) {
    if (!cudaProviderPresent()) {
      throw new RnnxException(ErrorCode.BACKEND_UNAVAILABLE, "backend ort-cuda needs the CUDA"
          + " build of ONNX Runtime (build with -Pcuda); this one offers "
          + OrtEnvironment.getAvailableProviders());
    }
    try {
      options.addCUDA(0);
    } catch (OrtException e) {
      throw new RnnxException(ErrorCode.BACKEND_UNAVAILABLE,
          "backend ort-cuda: the CUDA execution provider does not start (no usable GPU or"
              + " CUDA libraries?): " + e.getMessage(), e);
    }
  }
}
