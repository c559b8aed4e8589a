package dev.rnnx.runtime.conformance;

import dev.rnnx.runtime.BackendChoice;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ConformanceRunner} runs cases: the backend, how many cases at a time, how long
 * one may take, and how many intra-op threads each session uses. Immutable; each {@code with}
 * method returns a changed copy.
 */
public final class ConformanceOptions {
  /** The default time limit of one case. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final BackendChoice backend;
  private final int jobs;
  private final Duration timeout;
  private final int threads;
  private final List<String> workerCommand; // null: the standard worker for these options

  private ConformanceOptions(BackendChoice backend, int jobs, Duration timeout, int threads,
      List<String> workerCommand) {
    this.backend = Objects.requireNonNull(backend, "backend");
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (backend default) or more, got "
          + threads);
    }
    this.jobs = jobs;
    this.timeout = timeout;
    this.threads = threads;
    this.workerCommand = workerCommand == null ? null : List.copyOf(workerCommand);
  }

  /**
   * @return backend {@link BackendChoice#AUTO}, one job, {@link #DEFAULT_TIMEOUT}, one intra-op
   *     thread per session
   */
  public static ConformanceOptions defaults() {
    return new ConformanceOptions(BackendChoice.AUTO, 1, DEFAULT_TIMEOUT, 1, null);
  }

  /**
   * @param choice the backend
   * @return a copy running on that backend
   */
  public ConformanceOptions withBackend(BackendChoice choice) {
    return new ConformanceOptions(choice, jobs, timeout, threads, workerCommand);
  }

  /**
   * @param count how many cases run at once, each in its own worker JVM
   * @return a copy with that many jobs
   */
  public ConformanceOptions withJobs(int count) {
    return new ConformanceOptions(backend, count, timeout, threads, workerCommand);
  }

  /**
   * @param limit how long one case may run before it is killed and counted as failed
   * @return a copy with that limit
   */
  public ConformanceOptions withTimeout(Duration limit) {
    return new ConformanceOptions(backend, jobs, limit, threads, workerCommand);
  }

  /**
   * @param count intra-op threads per session; 0 leaves the backend's default
   * @return a copy with that many threads
   */
  public ConformanceOptions withThreads(int count) {
    return new ConformanceOptions(backend, jobs, timeout, count, workerCommand);
  }

  /** @return a copy whose workers run this command line instead of the standard worker */
  ConformanceOptions withWorkerCommand(List<String> command) {
    return new ConformanceOptions(backend, jobs, timeout, threads, command);
  }

  /** @return the backend */
  public BackendChoice backend() {
    return backend;
  }

  /** @return how many cases run at once */
  public int jobs() {
    return jobs;
  }

  /** @return the time limit of one case */
  public Duration timeout() {
    return timeout;
  }

  /** @return intra-op threads per session, 0 for the backend's default */
  public int threads() {
    return threads;
  }

  /** @return the command line that starts a worker */
  List<String> workerCommand() {
    return workerCommand != null ? workerCommand : WorkerCommand.of(backend, threads, List.of());
  }
}
