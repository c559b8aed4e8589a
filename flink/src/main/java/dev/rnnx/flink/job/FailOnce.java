package dev.rnnx.flink.job;

import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes records through, but the first parallel instance throws after a given number of
 * records in the job's first attempt only, to show recovery: Flink restarts from the last
 * checkpoint and the restarted attempt runs through.
 *
 * @param <T> the record type
 */
final class FailOnce<T> extends RichMapFunction<T, T> {
  private static final long serialVersionUID = 1L;

  private final long after;
  private transient long seen;

  /** @param after records to pass before the failure, at least 1 */
  FailOnce(long after) {
    if (after < 1) {
      throw new IllegalArgumentException("--fail-after must be at least 1, got " + after);
    }
    this.after = after;
  }

  @Override
  public T map(T record) {
    if (++seen > after && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
        && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
      System.err.println("rnnx: injected failure after " + after + " records (subtask 0,"
          + " first attempt); Flink recovers from the last checkpoint");
      throw new IllegalStateException("injected failure after " + after + " records");
    }
    return record;
  }
}
