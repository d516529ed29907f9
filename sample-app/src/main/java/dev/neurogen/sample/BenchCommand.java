package dev.neurogen.sample;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: times training and prediction of a declared network on this machine and prints
 * samples per second, without the JMH module.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures training and prediction speed in samples/s.",
      "Times the chosen network on this machine: training (the toolkit's fit loop over the"
          + " training part, whole epochs per round) and prediction (the model's batch"
          + " classification of the training part), each after a warm-up round, and prints"
          + " samples per second. A rough figure; the JMH benchmarks (benchmarks/run.sh) are"
          + " the careful one.",
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Mixin TrainOptions training;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Timed rounds of each; the best is printed. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "2",
      description =
          "Least length of a round (training runs whole epochs). Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Override
  public Integer call() throws Exception {
    data.check();
    training.check();
    if (rounds < 1) {
      throw new SampleApp.UserException("--rounds must be at least 1, got " + rounds);
    }
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new SampleApp.UserException("--seconds must be above 0 and at most 3600, got " + seconds);
    }
    return Runs.bench(data, training, rounds, seconds, SampleApp.of(spec).out);
  }
}
