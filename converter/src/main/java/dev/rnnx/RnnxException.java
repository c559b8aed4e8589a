package dev.rnnx;

/**
 * The one exception type RNNX throws for anything wrong with a model, an input, a state or a
 * backend. {@link #code()} tells the kind of failure; the message says what was expected and what
 * was given.
 */
public class RnnxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure an {@link RnnxException} reports. */
  public enum ErrorCode {
    /** The model bytes are not a well-formed ONNX model. */
    MODEL_FORMAT,
    /** The model is well-formed but uses an operator, attribute or layout that is not supported. */
    UNSUPPORTED,
    /** An argument (input tensor, name, option) does not fit what the model expects. */
    INVALID_ARGUMENT,
    /** The requested backend or execution provider is not available on this machine. */
    BACKEND_UNAVAILABLE,
    /** The backend failed while running the model. */
    BACKEND_FAILURE,
    /** Serialized state bytes are corrupted or belong to another model. */
    INVALID_STATE,
    /** A closed object was used. */
    CLOSED,
    /** Reading or writing a file failed. */
    IO
  }

  private final ErrorCode code;

  /**
   * Creates an exception.
   *
   * @param code the kind of failure
   * @param message what was expected and what was given
   */
  public RnnxException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the kind of failure
   * @param message what was expected and what was given
   * @param cause the underlying failure
   */
  public RnnxException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** @return the kind of failure */
  public ErrorCode code() {
    return code;
  }
}
