package dev.rnnx.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rnnx} command line: inspect, run, step, conformance, vad, bench. */
@Command(
    name = "rnnx",
    mixinStandardHelpOptions = true,
    version = "rnnx 0.1.0",
    description = "Runs recurrent and convolutional-recurrent ONNX models.",
    subcommands = {InspectCommand.class, RunCommand.class, StepCommand.class,
        ConformanceCommand.class, VadCommand.class, BenchCommand.class})
public final class RnnxCli {
  @Option(names = "--verbose", description = "Print stack traces with errors.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean verbose;

  /**
   * Runs the CLI and exits with its status.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err,
        true)));
  }

  /**
   * Runs the CLI without exiting, for tests and embedding.
   *
   * @param args command-line arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status: 0 on success, 1 on an error, 2 on a usage error
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new RnnxCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      RnnxCli root = commandLine.getCommandSpec().root().userObject() instanceof RnnxCli r
          ? r : null;
      err.println("rnnx: error: " + ErrorText.of(e));
      if (root != null && root.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }
}
