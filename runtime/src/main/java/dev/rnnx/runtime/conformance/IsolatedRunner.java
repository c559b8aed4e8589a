package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.onnx.OnnxTestCase;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs cases one at a time in a worker JVM, starting one when needed: after a case that timed
 * out (its worker is killed) or that the worker died running, the next case gets a fresh one.
 * Not thread-safe; each job of a {@link ConformanceRunner} has its own.
 */
final class IsolatedRunner implements AutoCloseable {
  /** Extra time the first case of a fresh worker gets, for the JVM and backend to start. */
  static final Duration STARTUP_GRACE = Duration.ofSeconds(30);

  private final List<String> command;
  private final Duration timeout;
  private WorkerProcess worker;

  /**
   * @param command the worker's command line
   * @param timeout how long one case may run
   */
  IsolatedRunner(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  /**
   * @param c the case
   * @return its result (operator left empty); a timeout or a crash is a failed result
   */
  CaseResult run(OnnxTestCase c) {
    long start = System.nanoTime();
    Duration limit = timeout;
    if (worker == null) {
      try {
        worker = WorkerProcess.start(command);
      } catch (UncheckedIOException e) {
        return failed(c, start, e.getMessage());
      }
      limit = limit.plus(STARTUP_GRACE);
    }
    WorkerProcess.Reply reply = worker.run(c.dir(), limit);
    if (reply instanceof WorkerProcess.Answered a) {
      return new CaseResult(c.name(), "", a.answer().outcome(), a.answer().reason(),
          a.answer().elapsed());
    }
    worker.kill(); // hung or dead: the next case gets a fresh worker
    worker = null;
    if (reply instanceof WorkerProcess.TimedOut) {
      return failed(c, start, "timed out after " + text(timeout));
    }
    return failed(c, start, ((WorkerProcess.Died) reply).reason());
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static CaseResult failed(OnnxTestCase c, long start, String reason) {
    return new CaseResult(c.name(), "", CaseResult.Outcome.FAILED, reason,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Stops the worker, if one runs. */
  @Override
  public void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }
}
