package dev.rnnx.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.runtime.BackendChoice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expectations files: their format, and which backends have one. */
class ExpectedFailuresTest {
  @Test
  void linesAreCaseTabReasonAroundCommentsAndBlankLines() {
    ExpectedFailures e = ExpectedFailures.parse(BackendChoice.ORT, "f.txt",
        "# header\n\ntest_a\tno kernel\ntest_b\tno\ttabs in reasons are fine\n");
    assertEquals(Map.of("test_a", "no kernel", "test_b", "no\ttabs in reasons are fine"),
        e.reasons());
    assertNull(e.reason("test_c"));
  }

  @Test
  void malformedAndRepeatedLinesAreRefusedWithTheirLineNumber() {
    assertEquals("f.txt:2: expected case<TAB>reason, got 'test_a no tab'",
        assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse(
            BackendChoice.ORT, "f.txt", "# x\ntest_a no tab\n")).getMessage());
    assertEquals("f.txt:2: test_a is listed twice", assertThrows(IllegalArgumentException.class,
        () -> ExpectedFailures.parse(BackendChoice.ORT, "f.txt", "test_a\tone\ntest_a\ttwo"))
        .getMessage());
  }

  @Test
  void theOrtAndAutoBackendsHaveExpectationFiles() {
    List<BackendChoice> listed = ExpectedFailures.ofEveryBackend().stream()
        .map(ExpectedFailures::backend).toList();
    assertTrue(listed.containsAll(List.of(BackendChoice.AUTO, BackendChoice.ORT)), "" + listed);
  }
}
