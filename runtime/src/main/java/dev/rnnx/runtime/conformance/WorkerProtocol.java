package dev.rnnx.runtime.conformance;

import java.time.Duration;
import java.util.Optional;

/**
 * The lines a {@link ConformanceWorker} and its parent exchange. The parent writes a case
 * folder's absolute path per line; the worker answers each with one result line
 * {@code @@rnnx-case<TAB>OUTCOME<TAB>MILLIS<TAB>REASON}. Anything else the worker's process
 * prints (native libraries write to the same streams) is not a result line.
 */
final class WorkerProtocol {
  private static final String PREFIX = "@@rnnx-case\t";

  private WorkerProtocol() {}

  /** A result as it travels: everything but the case's name and operator. */
  record Answer(CaseResult.Outcome outcome, Duration elapsed, String reason) {}

  /** @return the result line for a result */
  static String format(CaseResult r) {
    return PREFIX + r.outcome() + "\t" + r.elapsed().toMillis() + "\t" + r.reason();
  }

  /**
   * @param line a line the worker printed
   * @return the answer it carries, or empty when it is not a result line
   */
  static Optional<Answer> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = line.substring(PREFIX.length()).split("\t", 3);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Answer(CaseResult.Outcome.valueOf(parts[0]),
          Duration.ofMillis(Long.parseLong(parts[1])), parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
