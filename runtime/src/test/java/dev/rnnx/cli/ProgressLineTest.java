package dev.rnnx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line redraws in place on a terminal and stays silent elsewhere. */
class ProgressLineTest {
  @Test
  void aShorterLineOverwritesTheLongerOneAndClearingBlanksIt() {
    StringWriter screen = new StringWriter();
    ProgressLine p = new ProgressLine(new PrintWriter(screen), true);
    p.show("[1/2] test_long");
    p.show("[2/2] t");
    p.clear();
    p.clear();
    assertEquals("\r[1/2] test_long" + "\r[2/2] t" + " ".repeat(8) + "\r" + " ".repeat(7) + "\r",
        screen.toString());
  }

  @Test
  void withoutATerminalNothingIsDrawn() {
    StringWriter screen = new StringWriter();
    ProgressLine p = new ProgressLine(new PrintWriter(screen), false);
    p.show("[1/2] test");
    p.clear();
    assertEquals("", screen.toString());
  }
}
