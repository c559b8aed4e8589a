package dev.rnnx.runtime.conformance;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the results of a conformance run as Markdown: the totals, a table with one row per
 * operator (cases, passed, failed, skipped, the failing cases' names), and every failed and
 * skipped case with its reason.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * @param backend the backend's name, for the title
   * @param results the run's results
   * @return the report
   */
  public static String render(String backend, List<CaseResult> results) {
    StringBuilder md = new StringBuilder();
    ConformanceSummary total = ConformanceSummary.of(results);
    md.append("# RNNX conformance: backend ").append(backend).append("\n\n");
    md.append(total).append(" (").append(total.total()).append(" cases)\n\n");
    md.append("| Operator | Cases | Passed | Failed | Skipped | Failing cases |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    Map<String, List<CaseResult>> byOp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    results.forEach(r -> byOp.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r));
    byOp.forEach((op, cases) -> {
      ConformanceSummary s = ConformanceSummary.of(cases);
      List<String> failing = cases.stream().filter(CaseResult::failed).map(CaseResult::name)
          .toList();
      md.append("| ").append(cell(op)).append(" | ").append(s.total()).append(" | ")
          .append(s.passed()).append(" | ").append(s.failed()).append(" | ")
          .append(s.skipped()).append(" | ").append(cell(String.join(", ", failing)))
          .append(" |\n");
    });
    section(md, "Failed", results, CaseResult.Outcome.FAILED);
    section(md, "Skipped", results, CaseResult.Outcome.SKIPPED);
    return md.toString();
  }

  /**
   * Writes {@link #render} to a file, replacing it.
   *
   * @param file the report file
   * @param backend the backend's name
   * @param results the run's results
   * @throws RnnxException with code IO when the file cannot be written
   */
  public static void write(Path file, String backend, List<CaseResult> results) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(backend, results), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot write the report " + file + ": " + e, e);
    }
  }

  private static void section(StringBuilder md, String title, List<CaseResult> results,
      CaseResult.Outcome outcome) {
    List<CaseResult> listed = results.stream().filter(r -> r.outcome() == outcome).toList();
    if (listed.isEmpty()) {
      return;
    }
    md.append("\n## ").append(title).append("\n\n| Case | Reason |\n| --- | --- |\n");
    listed.forEach(r -> md.append("| ").append(cell(r.name())).append(" | ")
        .append(cell(r.reason())).append(" |\n"));
  }

  /** Table cells hold no pipes or line breaks. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
