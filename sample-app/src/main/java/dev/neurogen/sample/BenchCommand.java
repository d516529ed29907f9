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
      "Times the chosen network on this machine: training (the toolkit's fit loop, epochs over"
          + " the training part, after one warm-up epoch) and prediction (batch prediction of the"
          + " training part), and prints samples per second. A rough figure from one run; the"
          + " JMH benchmarks (benchmarks/run.sh) are the careful one.",
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

  @Override
  public Integer call() throws Exception {
    data.check();
    training.check();
    if (rounds < 1) {
      throw new SampleApp.UserException("--rounds must be at least 1, got " + rounds);
    }
    return Runs.bench(data, training, rounds, SampleApp.of(spec).out);
  }
}
