package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.conformance.CaseResult;
import dev.rnnx.runtime.conformance.ConformanceOptions;
import dev.rnnx.runtime.conformance.ConformanceRunner;
import dev.rnnx.runtime.conformance.ConformanceSummary;
import dev.rnnx.runtime.conformance.MarkdownReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnx conformance}: runs ONNX backend test cases and compares every output with its
 * reference. Prints {@code FAIL <case>: <reason>} per failed case and closes with
 * {@code N passed, N failed, N skipped}; exits with 1 when a case failed.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = {"Runs every ONNX backend test case under DIR (a case folder with model.onnx"
        + " and test_data_set_N/, or a folder of them) and compares each output with the"
        + " reference using ONNX's tolerances (rtol 1e-3, atol 1e-7).",
        "Each case runs in a worker JVM: a crash, a hang past --timeout or an exhausted heap"
            + " fails that case only. Exits with 1 when a case failed."})
final class ConformanceCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "A test case or a folder of them.")
  Path dir;

  @Mixin
  BackendOption backend;

  @Option(names = "--filter", paramLabel = "REGEX",
      description = "Run only the cases whose name contains a match.")
  String filter;

  @Option(names = "--report", paramLabel = "FILE.md",
      description = "Also write a Markdown report: totals and a per-operator table.")
  Path report;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "Cases run at once, each in its own worker JVM (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Time limit of one case (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    BackendChoice choice = backend.choice();
    List<OnnxTestCase> cases = select();
    ConformanceOptions options = ConformanceOptions.defaults().withBackend(choice)
        .withJobs(jobs).withTimeout(Duration.ofSeconds(timeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    ProgressLine progress = new ProgressLine(spec.commandLine().getErr(),
        System.console() != null);
    int[] done = {0};
    List<CaseResult> results;
    try (ConformanceRunner runner = new ConformanceRunner(options)) {
      results = runner.runAll(cases, r -> {
        progress.clear();
        if (r.failed()) {
          out.println("FAIL " + r.name() + ": " + r.reason());
          out.flush();
        }
        progress.show("[" + ++done[0] + "/" + cases.size() + "] " + r.name());
      });
    }
    progress.clear();
    ConformanceSummary summary = ConformanceSummary.of(results);
    if (report != null) {
      MarkdownReport.write(report, choice.cliName(), results);
    }
    out.println(summary);
    return summary.failed() > 0 ? 1 : 0;
  }

  private List<OnnxTestCase> select() {
    if (!Files.isDirectory(dir)) {
      throw new RnnxException(ErrorCode.IO, dir + " is not a folder");
    }
    List<OnnxTestCase> cases = OnnxTestCase.findAll(dir);
    if (cases.isEmpty()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no test cases (folders with"
          + " model.onnx) under " + dir);
    }
    if (filter == null) {
      return cases;
    }
    Pattern p;
    try {
      p = Pattern.compile(filter);
    } catch (PatternSyntaxException e) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--filter is not a regular"
          + " expression: " + e.getDescription() + " in '" + filter + "'");
    }
    List<OnnxTestCase> selected = cases.stream().filter(c -> p.matcher(c.name()).find())
        .toList();
    if (selected.isEmpty()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no test case under " + dir
          + " matches --filter '" + filter + "'");
    }
    return selected;
  }
}
