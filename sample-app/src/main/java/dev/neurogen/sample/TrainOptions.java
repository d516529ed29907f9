package dev.neurogen.sample;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The command-line options that choose the network, optimizer and training settings, shared by
 * {@code train} and {@code bench} (a picocli mixin).
 */
final class TrainOptions {
  /** The optimizers {@code --optimizer} accepts. */
  enum OptimizerName {
    /** Plain stochastic gradient descent. */
    SGD(0.05),
    /** SGD with momentum 0.9 and Nesterov's correction. */
    NESTEROV(0.02),
    /** Adam. */
    ADAM(1e-3),
    /** Adam with decoupled weight decay. */
    ADAMW(1e-3),
    /** RMSProp. */
    RMSPROP(1e-3);

    /** The learning rate used when {@code --learning-rate} is not given. */
    final double defaultLearningRate;

    OptimizerName(double defaultLearningRate) {
      this.defaultLearningRate = defaultLearningRate;
    }

    /** Lower-case, as typed on the command line. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = {"-n", "--network"},
      paramLabel = "NAME",
      description =
          "The declared network to train (see --list). Default: the small one of the data set,"
              + " or the one that fits the CSV file.")
  String network;

  @Option(
      names = {"-o", "--optimizer"},
      paramLabel = "NAME",
      defaultValue = "adam",
      description = "sgd, nesterov, adam, adamw or rmsprop. Default: ${DEFAULT-VALUE}.")
  OptimizerName optimizer;

  @Option(
      names = {"-r", "--learning-rate"},
      paramLabel = "RATE",
      description =
          "Step size. Default: 0.001 for adam, adamw and rmsprop, 0.05 for sgd, 0.02 for"
              + " nesterov.")
  Double learningRate;

  @Option(
      names = {"-b", "--batch-size"},
      paramLabel = "N",
      defaultValue = "32",
      description = "Samples per training step. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = {"-e", "--epochs"},
      paramLabel = "N",
      description = "Passes over the training data. Default: 60 for iris, 10 for fashion, 30 else.")
  Integer epochs;

  @Option(
      names = "--patience",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Early stopping: stop after N epochs without a lower validation loss and keep the best"
              + " epoch's weights; 0 turns it off. Default: ${DEFAULT-VALUE}.")
  int patience;

  @Option(
      names = {"-s", "--seed"},
      paramLabel = "N",
      defaultValue = "42",
      description =
          "Seed of the initial weights and of the shuffling; the same seed and flags give the"
              + " same model file, byte for byte. Default: ${DEFAULT-VALUE}.")
  long seed;

  /** The learning rate: {@code --learning-rate}, or the optimizer's default. */
  double learningRate() {
    return learningRate != null ? learningRate : optimizer.defaultLearningRate;
  }

  /** The number of epochs: {@code --epochs}, or the data set's default. */
  int epochs(DataOptions.Source source) {
    if (epochs != null) {
      return epochs;
    }
    return switch (source) {
      case IRIS -> 60;
      case FASHION -> 10;
      default -> 30;
    };
  }

  /** Checks the numbers; messages name the option and the allowed range. */
  void check() {
    if (!(learningRate() > 0 && Double.isFinite(learningRate()))) {
      throw new SampleApp.UserException(
          "--learning-rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new SampleApp.UserException("--batch-size must be at least 1, got " + batchSize);
    }
    if (epochs != null && epochs < 1) {
      throw new SampleApp.UserException("--epochs must be at least 1, got " + epochs);
    }
    if (patience < 0) {
      throw new SampleApp.UserException(
          "--patience must be 0 (no early stopping) or more, got " + patience);
    }
  }
}
