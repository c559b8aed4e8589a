package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which backend runs a model. */
public enum BackendChoice {
  /**
   * ONNX Runtime with CUDA when a GPU is usable, else on the CPU; ND4J when ONNX Runtime
   * cannot load the model (opset-27 operators, for one).
   */
  AUTO("auto"),
  /** ONNX Runtime on the CPU. */
  ORT("ort"),
  /** ONNX Runtime with its CUDA execution provider; fails clearly without one. */
  ORT_CUDA("ort-cuda"),
  /** The native ND4J interpreter on the CPU. */
  ND4J("nd4j");

  private final String cliName;

  BackendChoice(String cliName) {
    this.cliName = cliName;
  }

  /** @return the name used on the command line, e.g. {@code ort-cuda} */
  public String cliName() {
    return cliName;
  }

  /**
   * @param name a command-line name such as {@code ort} (case-insensitive)
   * @return the choice
   * @throws RnnxException listing the valid names when the name is unknown
   */
  public static BackendChoice parse(String name) {
    for (BackendChoice c : values()) {
      if (c.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new RnnxException(RnnxException.ErrorCode.INVALID_ARGUMENT, "unknown backend '" + name
        + "' (valid: " + Arrays.stream(values()).map(BackendChoice::cliName)
            .collect(Collectors.joining(", ")) + ")");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
