package dev.rnnx.converter.onnx;

import dev.rnnx.RnnxException;

/**
 * A model file that is not a well-formed ONNX model: not protobuf, truncated, no graph, dangling
 * or doubly produced values, cycles, bad tensor data, unsupported IR or opset versions, unknown
 * operators, or external data outside the model's directory.
 */
public final class ModelFormatException extends RnnxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message where (file, node) and what is wrong
   */
  public ModelFormatException(String message) {
    super(ErrorCode.MODEL_FORMAT, message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message where (file, node) and what is wrong
   * @param cause the underlying failure
   */
  public ModelFormatException(String message, Throwable cause) {
    super(ErrorCode.MODEL_FORMAT, message, cause);
  }
}
