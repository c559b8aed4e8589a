package dev.rnnx.runtime.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A stand-in worker for runner tests: a case whose folder name contains {@code crash} ends the
 * process with exit code 42 after a line on standard error; {@code hang} never answers;
 * anything else passes.
 */
public final class ScriptedWorker {
  private ScriptedWorker() {}

  /**
   * @param args unused
   * @throws IOException when standard input cannot be read
   * @throws InterruptedException never in practice
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String name = Path.of(line).getFileName().toString();
      if (name.contains("crash")) {
        System.err.println("scripted crash in " + name);
        System.err.flush();
        Runtime.getRuntime().halt(42);
      }
      if (name.contains("hang")) {
        Thread.sleep(Long.MAX_VALUE);
      }
      System.out.println("native noise without a newline... ");
      System.out.println(WorkerProtocol.format(new CaseResult(name, "",
          CaseResult.Outcome.PASSED, "", Duration.ofMillis(5))));
      System.out.flush();
    }
  }
}
