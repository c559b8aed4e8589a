package dev.rnnx.runtime.conformance;

import java.time.Duration;
import java.util.Objects;

/**
 * How one ONNX backend test case went.
 *
 * @param name the case's name, e.g. {@code test_lstm_defaults}
 * @param op the operator the case tests, e.g. {@code LSTM}: the operators of its main graph,
 *     or for an {@code _expanded} case those of its unexpanded sibling
 * @param outcome passed, failed or skipped
 * @param reason one line: why it failed or was skipped; empty when it passed
 * @param elapsed how long it ran
 */
public record CaseResult(String name, String op, Outcome outcome, String reason,
    Duration elapsed) {
  /** What became of a case. */
  public enum Outcome {
    /** Every output of every data set matched. */
    PASSED,
    /** An output differed, or loading or running failed, crashed or timed out. */
    FAILED,
    /** The case could not be judged: no data sets, or the backend is not available here. */
    SKIPPED
  }

  /** Checks the fields and keeps the reason on one line. */
  public CaseResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(elapsed, "elapsed");
    reason = oneLine(Objects.requireNonNull(reason, "reason"));
  }

  /** @return the same result for another operator */
  CaseResult withOp(String newOp) {
    return new CaseResult(name, newOp, outcome, reason, elapsed);
  }

  /** @return true when the case failed */
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").replace('\t', ' ').strip();
  }
}
