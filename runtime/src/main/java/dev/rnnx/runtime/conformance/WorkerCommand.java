package dev.rnnx.runtime.conformance;

import dev.rnnx.runtime.BackendChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts a {@link ConformanceWorker}: this JVM, on this classpath. */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * @param backend the backend the worker runs cases on
   * @param threads intra-op threads per session
   * @param jvmOptions extra options for the worker JVM, e.g. {@code -Xmx512m}
   * @return the command line
   */
  static List<String> of(BackendChoice backend, int threads, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:+UseSerialGC"); // one case at a time: no GC threads competing with jobs
    command.add("-XX:-CreateCoredumpOnCrash");
    command.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"),
        "rnnx-worker-hs_err_pid%p.log"));
    command.addAll(jvmOptions);
    command.add(ConformanceWorker.class.getName());
    command.add(backend.cliName());
    command.add(Integer.toString(threads));
    return command;
  }
}
