package dev.neurogen.sample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains a declared network on a data set with the toolkit's fit loop, shows the
 * progress, tests it, draws the curves and saves the model.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a declared network on a data set.",
      "Shows a progress bar and one line per epoch, then the test accuracy, the confusion"
          + " matrix, a PNG chart of the loss and accuracy curves and the saved model (with its"
          + " standardiser and class names).",
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Mixin TrainOptions training;

  @Option(
      names = "--list",
      description = "List the declared networks and the data sets they fit, then exit.")
  boolean list;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "${sys:neurogen.sample.out:-sample-app-output}",
      description =
          "Folder for the model (NETWORK.model) and the chart (NETWORK.png). Default:"
              + " ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--save-test",
      paramLabel = "FILE",
      description =
          "Also write the test part as a CSV file (features, then the class name), for"
              + " 'predict MODEL FILE --label class'.")
  Path saveTest;

  @Option(
      names = "--plain",
      description =
          "Plain lines instead of a progress bar (the default when the output is not a"
              + " terminal).")
  boolean plain;

  @Override
  public Integer call() throws Exception {
    PrintStream out = SampleApp.of(spec).out;
    if (list) {
      printList(out);
      return 0;
    }
    data.check();
    training.check();
    return Runs.train(data, training, this.out, saveTest, plain || System.console() == null, out);
  }

  /** Prints the declared networks as an aligned table. */
  static void printList(PrintStream out) {
    out.printf("%-14s %-8s %-16s %10s  %s%n", "network", "data set", "layers", "parameters", "hidden");
    for (NetworkCatalog.Entry e : NetworkCatalog.ALL) {
      out.printf(
          "%-14s %-8s %-16s %,10d  %s%n",
          e.name(), e.dataSet(), e.shape(), e.parameterCount(), e.description());
    }
    out.println();
    out.println("A CSV file (--csv) is trained by the network whose input and output sizes match");
    out.println("its feature and class counts; declare another in Networks.java for other sizes.");
    out.flush();
  }
}
