package dev.neurogen.sample;

import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Trains three networks whose code the neurogen annotation processor generated at compile time
 * (see {@link Networks}) and prints how their loss falls. Every random choice has a fixed seed, so
 * every run prints the same numbers.
 */
public final class SampleApp {
  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar sample-app.jar [--help]",
          "",
          "Trains three networks generated at compile time by neurogen and prints their loss",
          "and accuracy:",
          "  1. XOR with the 2-2-2-1 sigmoid network of the third tutorial (MSE, full-batch SGD)",
          "  2. three Gaussian blobs in 3-D with the 3-4-4-3 softmax network of the first tutorial",
          "  3. Fisher's iris flowers with a 4-8-3 tanh/softmax classifier (120 train / 30 test)",
          "All data is embedded and all seeds are fixed: every run prints the same output.",
          "",
          "  --help   print this message and exit");

  private SampleApp() {}

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(USAGE);
      return;
    }
    if (args.length > 0) {
      System.err.println("unknown argument: " + String.join(" ", args));
      System.err.println(USAGE);
      System.exit(2);
    }
    try {
      runAll(System.out);
    } catch (IllegalStateException | UncheckedIOException e) {
      // A missing or damaged data resource: say what is wrong instead of dumping a stack trace.
      System.out.flush();
      System.err.println("sample-app: " + e.getMessage());
      System.exit(1);
    }
  }

  static void runAll(PrintStream out) {
    out.println("neurogen sample app: training networks generated at compile time");
    out.println();
    XorDemo.run(out);
    out.println();
    BlobsDemo.run(out);
    out.println();
    IrisDemo.run(out);
  }
}
