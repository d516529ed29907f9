package dev.neurogen.sample;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Formatting shared by the demos. Always {@link Locale#ROOT}, so that the output (decimal points
 * included) is the same on every machine.
 */
final class Report {
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  /** A title line, e.g. "[1/3] XOR ..." */
  void title(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }

  /** An indented detail line. */
  void line(String format, Object... args) {
    out.println("      " + String.format(Locale.ROOT, format, args));
  }

  void blank() {
    out.println();
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
