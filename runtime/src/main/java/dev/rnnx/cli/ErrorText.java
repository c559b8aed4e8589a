package dev.rnnx.cli;

/** One line of text for an error: its message, or its type when it has none. */
final class ErrorText {
  private ErrorText() {}

  static String of(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ');
  }
}
