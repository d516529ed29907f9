package dev.neurogen.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code predict MODEL [FILE]}: reads CSV rows of features and prints one class name and its
 * probability per row.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the class of each CSV row of features.",
      "Reads CSV rows of raw (unstandardised) features from FILE, or from standard input when"
          + " FILE is absent or '-', and prints one line per row: the predicted class name and"
          + " its probability, comma-separated. A first line that is not numbers is a header."
          + " With --label the rows also hold the true class, and the accuracy is printed at"
          + " the end.",
    })
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by train.")
  Path model;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "FILE",
      description = "CSV rows; '-' or absent: standard input.")
  String input;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description =
          "A column holding the true class name (its header name or 0-based index): it is left"
              + " out of the features, and the accuracy is printed at the end.")
  String label;

  @Override
  public Integer call() throws Exception {
    return Runs.predict(
        model,
        input == null || input.equals("-") ? null : Path.of(input),
        label,
        SampleApp.of(spec).in,
        SampleApp.of(spec).out);
  }
}
