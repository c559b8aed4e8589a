package dev.rnnx.runtime.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running {@link ConformanceWorker} process: sends it case folders and waits, with a time
 * limit, for its answers. What the process prints besides answers is kept (the last lines
 * only) to explain a crash.
 */
final class WorkerProcess implements AutoCloseable {
  private static final int TAIL_LINES = 3;
  private static final int TAIL_CHARS = 400;
  private static final Optional<WorkerProtocol.Answer> END = Optional.empty();

  private final Process process;
  private final Writer toWorker;
  private final BlockingQueue<Optional<WorkerProtocol.Answer>> answers =
      new LinkedBlockingQueue<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread stderrReader;

  /** What came of waiting for one answer. */
  sealed interface Reply {}

  /** @param answer the worker's answer */
  record Answered(WorkerProtocol.Answer answer) implements Reply {}

  /** No answer came within the time limit; the process still runs. */
  record TimedOut() implements Reply {}

  /** @param reason why the process ended without answering, one line */
  record Died(String reason) implements Reply {}

  private WorkerProcess(Process process) {
    this.process = process;
    this.toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    daemon("stdout", () -> read(process.getInputStream(), true));
    this.stderrReader = daemon("stderr", () -> read(process.getErrorStream(), false));
  }

  /**
   * @param command the worker's command line
   * @return the started worker
   * @throws UncheckedIOException when the process cannot be started
   */
  static WorkerProcess start(List<String> command) {
    try {
      return new WorkerProcess(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the worker JVM " + command.get(0) + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Hands the worker one case and waits for its answer.
   *
   * @param caseDir the case folder
   * @param limit how long to wait
   * @return the answer, a timeout or the worker's death
   */
  Reply run(Path caseDir, Duration limit) {
    try {
      toWorker.write(caseDir.toAbsolutePath() + "\n");
      toWorker.flush();
    } catch (IOException e) {
      return died();
    }
    try {
      Optional<WorkerProtocol.Answer> a = answers.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (a == null) {
        return new TimedOut();
      }
      return a.isPresent() ? new Answered(a.get()) : died();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Died("interrupted while waiting for the worker JVM");
    }
  }

  /** Ends the process at once. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Lets the worker finish (its input ends) and makes sure it is gone. */
  @Override
  public void close() {
    try {
      toWorker.close();
    } catch (IOException e) {
      // the worker is gone already
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  private Died died() {
    waitForExit();
    try {
      stderrReader.join(TimeUnit.SECONDS.toMillis(1)); // its last lines say why
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
    String said = tail();
    return new Died("the worker JVM died running the case (" + exit + ")"
        + (said.isEmpty() ? "" : ": " + said));
  }

  private void waitForExit() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(InputStream stream, boolean answersHere) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream,
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Optional<WorkerProtocol.Answer> a = answersHere ? WorkerProtocol.parse(line)
            : Optional.empty();
        if (a.isPresent()) {
          answers.add(a);
        } else if (!line.isBlank()) {
          remember(line.strip());
        }
      }
    } catch (IOException e) {
      // the process ended; the end marker below tells the waiting side
    } finally {
      if (answersHere) {
        answers.add(END);
      }
    }
  }

  private synchronized void remember(String line) {
    tail.addLast(line);
    while (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  private synchronized String tail() {
    String text = String.join(" | ", tail);
    return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, "rnnx-worker-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
