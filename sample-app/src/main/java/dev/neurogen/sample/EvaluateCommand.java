package dev.neurogen.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate MODEL}: loads a saved model and prints its accuracy, per-class precision, recall
 * and F1 and the confusion matrix on the test part of a data set.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a saved model on the test part of a data set.",
      "Prints the accuracy, per-class precision, recall and F1, and the confusion matrix. Give"
          + " the data options train was given (the defaults match train's).",
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by train.")
  Path model;

  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    data.check();
    return Runs.evaluate(model, data, SampleApp.of(spec).out);
  }
}
