package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.onnx.OnnxTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs ONNX backend test cases on one backend, each in a worker JVM of its own job, so that a
 * case that crashes, hangs or exhausts memory fails alone and the run goes on. Thread-safe: up
 * to {@link ConformanceOptions#jobs()} cases run at once. Close it to stop the workers.
 */
public final class ConformanceRunner implements AutoCloseable {
  private final BlockingQueue<IsolatedRunner> idle;
  private final List<IsolatedRunner> all = new ArrayList<>();
  private final int jobs;

  /** @param options backend, jobs, time limit and threads */
  public ConformanceRunner(ConformanceOptions options) {
    this.jobs = options.jobs();
    this.idle = new ArrayBlockingQueue<>(jobs);
    for (int i = 0; i < jobs; i++) {
      IsolatedRunner r = new IsolatedRunner(options.workerCommand(), options.timeout());
      all.add(r);
      idle.add(r);
    }
  }

  /**
   * Runs one case, waiting for a free job.
   *
   * @param c the case
   * @return its result
   */
  public CaseResult run(OnnxTestCase c) {
    IsolatedRunner runner;
    try {
      runner = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a free job", e);
    }
    try {
      return runner.run(c).withOp(CaseOperators.of(c));
    } finally {
      idle.add(runner);
    }
  }

  /**
   * Runs cases on every job at once.
   *
   * @param cases the cases
   * @param listener told of each result as it comes, one call at a time
   * @return the results, in the order of {@code cases}
   */
  public List<CaseResult> runAll(List<OnnxTestCase> cases, Consumer<CaseResult> listener) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "rnnx-conformance-job");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      for (OnnxTestCase c : cases) {
        futures.add(pool.submit(() -> {
          CaseResult r = run(c);
          synchronized (listener) {
            listener.accept(r);
          }
          return r;
        }));
      }
      List<CaseResult> results = new ArrayList<>();
      for (Future<CaseResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running cases", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("running a case failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Stops every worker. */
  @Override
  public void close() {
    all.forEach(IsolatedRunner::close);
  }
}
