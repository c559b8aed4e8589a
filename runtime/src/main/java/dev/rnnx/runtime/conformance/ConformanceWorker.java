package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM that runs cases for a {@link ConformanceRunner}, so that a case that crashes
 * the process, hangs in native code or exhausts memory takes only this process down. It reads
 * case folders from standard input, one per line, and answers each with a result line on
 * standard output (one line per case); {@link System#out} is pointed at standard error
 * so that nothing else lands among the results.
 */
public final class ConformanceWorker {
  private ConformanceWorker() {}

  /**
   * Serves cases until standard input ends.
   *
   * @param args the backend's command-line name and the intra-op thread count per session
   * @throws IOException when standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
    PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    CaseExecution execution = new CaseExecution(BackendChoice.parse(args[0]),
        Integer.parseInt(args[1]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      Path dir = Path.of(line);
      CaseResult r = execution.run(new OnnxTestCase(dir.getFileName().toString(), dir));
      results.print("\n" + WorkerProtocol.format(r) + "\n"); // own line even after native output
      results.flush();
    }
  }
}
