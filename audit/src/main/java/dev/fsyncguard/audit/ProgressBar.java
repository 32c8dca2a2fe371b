package dev.fsyncguard.audit;

import java.io.Console;
import java.io.PrintStream;

/**
 * A one-line bar of the files analysed, redrawn in place with {@code \r}: for a terminal, where the
 * plain progress lines would scroll the screen.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final int total;
  private int shownPercent = -1;
  private boolean drawn;

  ProgressBar(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  /**
   * Whether standard error is taken to be a terminal: the JVM has a console and, on JDK 22 and
   * later, where every JVM has one, that console is a terminal.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      // Before JDK 22 a console exists only on a terminal.
      return true;
    }
  }

  /** Shows {@code done} of the files analysed; redraws at most once per percent, and at the end. */
  void show(int done) {
    int percent = done * 100 / total;
    if (percent == shownPercent && done != total) {
      return;
    }
    shownPercent = percent;
    int filled = done * WIDTH / total;
    String count = String.valueOf(total);
    out.print(
        String.format(
            "\rfsync-guard audit: [%s%s] %" + count.length() + "d/%s files",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            done,
            count));
    out.flush();
    drawn = true;
  }

  /** Ends the bar's line, so that what is printed next starts on a line of its own. */
  void finish() {
    if (drawn) {
      out.println();
      drawn = false;
    }
  }
}
