package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown report: totals, one row per operator, and the reasons. */
class MarkdownReportTest {
  @TempDir Path dir;

  private static CaseResult result(String name, String op, CaseResult.Outcome o, String why) {
    return new CaseResult(name, op, o, why, Duration.ZERO);
  }

  private static final List<CaseResult> RESULTS = List.of(
      result("test_add", "Add", CaseResult.Outcome.PASSED, ""),
      result("test_add_uint16", "Add", CaseResult.Outcome.FAILED, "uint16 | not taken"),
      result("test_abs", "Abs", CaseResult.Outcome.PASSED, ""),
      result("test_lonely", "Abs", CaseResult.Outcome.SKIPPED, "no test_data_set folders"));

  @Test
  void rendersTotalsPerOperatorRowsAndReasons() {
    assertEquals("""
        # RNNX conformance: backend ort

        2 passed, 1 failed, 1 skipped (4 cases)

        | Operator | Cases | Passed | Failed | Skipped | Failing cases |
        | --- | ---: | ---: | ---: | ---: | --- |
        | Abs | 2 | 1 | 0 | 1 |  |
        | Add | 2 | 1 | 1 | 0 | test_add_uint16 |

        ## Failed

        | Case | Reason |
        | --- | --- |
        | test_add_uint16 | uint16 \\| not taken |

        ## Skipped

        | Case | Reason |
        | --- | --- |
        | test_lonely | no test_data_set folders |
        """, MarkdownReport.render("ort", RESULTS));
  }

  @Test
  void writesTheReportCreatingItsFolder() throws IOException {
    Path file = dir.resolve("reports/ort.md");
    MarkdownReport.write(file, "ort", RESULTS);
    assertEquals(MarkdownReport.render("ort", RESULTS), Files.readString(file));
  }

  @Test
  void anUnwritableReportIsAnIoError() throws IOException {
    Path blocked = Files.createFile(dir.resolve("file"));
    RnnxException e = assertThrows(RnnxException.class,
        () -> MarkdownReport.write(blocked.resolve("report.md"), "ort", RESULTS));
    assertEquals(RnnxException.ErrorCode.IO, e.code());
  }
}
