package dev.rnnx.runtime;

import java.util.Objects;

/**
 * How a {@link Session} runs: which backend and how many threads. Immutable; each {@code with}
 * method returns a changed copy.
 */
public final class SessionOptions {
  private final BackendChoice backend;
  private final int threads;

  private SessionOptions(BackendChoice backend, int threads) {
    this.backend = Objects.requireNonNull(backend, "backend");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (backend default) or more, got "
          + threads);
    }
    this.threads = threads;
  }

  /** @return the defaults: {@link BackendChoice#AUTO}, the backend's default thread count */
  public static SessionOptions defaults() {
    return new SessionOptions(BackendChoice.AUTO, 0);
  }

  /**
   * @param choice the backend
   * @return a copy using that backend
   */
  public SessionOptions withBackend(BackendChoice choice) {
    return new SessionOptions(choice, threads);
  }

  /**
   * @param count intra-op threads; 0 leaves the backend's default
   * @return a copy using that many threads
   */
  public SessionOptions withThreads(int count) {
    return new SessionOptions(backend, count);
  }

  /** @return the backend choice */
  public BackendChoice backend() {
    return backend;
  }

  /** @return the thread count, 0 for the backend's default */
  public int threads() {
    return threads;
  }
}
