package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.runtime.backend.nd4j.Nd4jBackend;
import dev.rnnx.runtime.backend.ort.OrtBackend;
import dev.rnnx.runtime.spi.Backend;
import dev.rnnx.runtime.spi.Executable;
import java.lang.System.Logger.Level;

/** Picks and compiles the backend a {@link BackendChoice} names, falling back where allowed. */
final class Backends {
  private static final System.Logger LOG = System.getLogger("dev.rnnx.runtime");
  private static volatile boolean cudaFallbackLogged;
  private static volatile boolean nd4jFallbackLogged;

  private Backends() {}

  /** A compiled model and the backend that compiled it. */
  record Compiled(Backend backend, Executable executable) {}

  static Compiled compile(BackendChoice choice, IrModel model, int threads) {
    return switch (choice) {
      case ORT -> compileOn(OrtBackend.cpu(), model, threads);
      case ORT_CUDA -> compileOn(OrtBackend.cuda(), model, threads);
      case ND4J -> compileNd4j(model, threads);
      case AUTO -> compileAuto(model, threads);
    };
  }

  /** ONNX Runtime first; ND4J when ONNX Runtime cannot load the model and ND4J can run it. */
  private static Compiled compileAuto(IrModel model, int threads) {
    try {
      return compileOrt(model, threads);
    } catch (RnnxException e) {
      boolean cannotLoad = e.code() == ErrorCode.BACKEND_FAILURE
          || e.code() == ErrorCode.BACKEND_UNAVAILABLE;
      if (!cannotLoad || new Nd4jBackend().unsupportedReason(model).isPresent()) {
        throw e;
      }
      if (!nd4jFallbackLogged) {
        nd4jFallbackLogged = true;
        LOG.log(Level.INFO, "ONNX Runtime cannot run this model, using nd4j: " + e.getMessage());
      }
      return compileNd4j(model, threads);
    }
  }

  /** ND4J refuses a model it cannot run with UNSUPPORTED, naming every missing operator. */
  private static Compiled compileNd4j(IrModel model, int threads) {
    Nd4jBackend nd4j = new Nd4jBackend();
    return new Compiled(nd4j, nd4j.compile(model, threads));
  }

  private static Compiled compileOrt(IrModel model, int threads) {
    if (OrtBackend.cudaProviderPresent()) {
      try {
        return compileOn(OrtBackend.cuda(), model, threads);
      } catch (RnnxException e) {
        if (e.code() != ErrorCode.BACKEND_UNAVAILABLE) {
          throw e;
        }
        if (!cudaFallbackLogged) {
          cudaFallbackLogged = true;
          LOG.log(Level.INFO, "CUDA unavailable, running on the CPU: " + e.getMessage());
        }
      }
    }
    return compileOn(OrtBackend.cpu(), model, threads);
  }

  private static Compiled compileOn(Backend backend, IrModel model, int threads) {
    backend.unsupportedReason(model).ifPresent(reason -> {
      throw new RnnxException(ErrorCode.BACKEND_UNAVAILABLE,
          "backend " + backend.name() + " cannot run this model: " + reason);
    });
    return new Compiled(backend, backend.compile(model, threads));
  }
}
