package dev.rnnx.cli;

import java.io.PrintWriter;

/**
 * A status line redrawn in place ({@code \r}) on a terminal; does nothing when disabled, so
 * that logs and pipes get no control characters.
 */
final class ProgressLine {
  private final PrintWriter terminal;
  private final boolean enabled;
  private int shown; // length of the line on screen, 0 when none

  /**
   * @param terminal where the line is drawn
   * @param enabled whether to draw at all (true when attached to a terminal)
   */
  ProgressLine(PrintWriter terminal, boolean enabled) {
    this.terminal = terminal;
    this.enabled = enabled;
  }

  /** Replaces the line with {@code text}. */
  void show(String text) {
    if (!enabled) {
      return;
    }
    terminal.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
    terminal.flush();
    shown = text.length();
  }

  /** Removes the line, so that other output starts at the line's beginning. */
  void clear() {
    if (!enabled || shown == 0) {
      return;
    }
    terminal.print("\r" + " ".repeat(shown) + "\r");
    terminal.flush();
    shown = 0;
  }
}
