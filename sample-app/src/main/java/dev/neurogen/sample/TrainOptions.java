package dev.neurogen.sample;

import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.LearningRateSchedule;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The command-line options that choose the network, optimizer and training settings, shared by
 * {@code train} and {@code bench} (a picocli mixin).
 */
final class TrainOptions {
  /**
   * The defaults for one data set, measured to reach the README's accuracy targets (see the
   * README's sample-app section for the runs).
   *
   * @param network the network trained when {@code --network} is not given
   * @param adamRate the learning rate of adam, adamw and rmsprop
   * @param batchSize samples per step
   * @param epochs the most epochs (early stopping may end sooner)
   */
  record Recipe(String network, double adamRate, int batchSize, int epochs, Schedule schedule) {}

  /** The learning-rate schedules {@code --schedule} accepts. */
  enum Schedule {
    /** The same rate every step. */
    CONSTANT,
    /** Cosine annealing from the rate down to 0 over all the steps of the configured epochs. */
    COSINE
  }

  /** The recipe of {@code source}; a CSV file gets digits's settings and the network that fits. */
  static Recipe recipe(DataOptions.Source source) {
    return switch (source) {
      case DIGITS -> new Recipe("digits-large", 0.003, 16, 40, Schedule.CONSTANT);
      case IRIS -> new Recipe("iris-small", 0.01, 16, 100, Schedule.CONSTANT);
      case FASHION -> new Recipe("fashion-small", 0.001, 32, 10, Schedule.COSINE);
      case CSV -> new Recipe(null, 0.003, 16, 40, Schedule.CONSTANT);
    };
  }

  /** The optimizers {@code --optimizer} accepts. */
  enum OptimizerName {
    /** Plain stochastic gradient descent (default rate 0.05). */
    SGD,
    /** SGD with momentum 0.9 and Nesterov's correction (default rate 0.02). */
    NESTEROV,
    /** Adam (default rate: the data set's). */
    ADAM,
    /** Adam with decoupled weight decay 0.01 (default rate: the data set's). */
    ADAMW,
    /** RMSProp (default rate: a third of the data set's adam rate). */
    RMSPROP;

    /** Lower-case, as typed on the command line. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = {"-n", "--network"},
      paramLabel = "NAME",
      description =
          "The declared network to train (see --list). Default: digits-large, iris-small,"
              + " fashion-small, or the first one that fits the CSV file.")
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
          "Step size. Default for adam and adamw: 0.003 (digits, csv), 0.01 (iris), 0.001"
              + " (fashion); a third of that for rmsprop; 0.05 for sgd, 0.02 for nesterov.")
  Double learningRate;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      description =
          "Learning-rate schedule: constant, or cosine (annealed to 0 over all the epochs)."
              + " Default: cosine for fashion, constant else.")
  Schedule schedule;

  @Option(
      names = {"-b", "--batch-size"},
      paramLabel = "N",
      description = "Samples per training step. Default: 32 for fashion, 16 else.")
  Integer batchSize;

  @Option(
      names = {"-e", "--epochs"},
      paramLabel = "N",
      description =
          "Most passes over the training data (early stopping may end sooner). Default: 40 for"
              + " digits and csv, 100 for iris, 10 for fashion.")
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

  /** The learning rate: {@code --learning-rate}, or the default of the optimizer and data. */
  double learningRate(DataOptions.Source source) {
    if (learningRate != null) {
      return learningRate;
    }
    return switch (optimizer) {
      case SGD -> 0.05;
      case NESTEROV -> 0.02;
      case ADAM, ADAMW -> recipe(source).adamRate();
      case RMSPROP -> recipe(source).adamRate() / 3;
    };
  }

  /** The batch size: {@code --batch-size}, or the data set's default. */
  int batchSize(DataOptions.Source source) {
    return batchSize != null ? batchSize : recipe(source).batchSize();
  }

  /** The network name: {@code --network}, or the data set's default (null for a CSV file). */
  String network(DataOptions.Source source) {
    return network != null ? network : recipe(source).network();
  }

  /** The optimizer {@code --optimizer} and {@code --learning-rate} choose, with PyTorch's defaults. */
  Optimizer optimizer(DataOptions.Source source, long totalSteps) {
    double rate = learningRate(source);
    LearningRateSchedule lr =
        schedule(source) == Schedule.COSINE
            ? LearningRateSchedule.cosine(rate, Math.max(1, totalSteps), 0)
            : LearningRateSchedule.constant(rate);
    return switch (optimizer) {
      case SGD -> Sgd.builder().learningRate(lr).build();
      case NESTEROV -> Sgd.builder().learningRate(lr).momentum(0.9).nesterov(true).build();
      case ADAM -> Adam.builder().learningRate(lr).build();
      case ADAMW -> AdamW.builder().learningRate(lr).build();
      case RMSPROP -> RmsProp.builder().learningRate(lr).build();
    };
  }

  /** The schedule: {@code --schedule}, or the data set's default. */
  Schedule schedule(DataOptions.Source source) {
    return schedule != null ? schedule : recipe(source).schedule();
  }

  /** The number of epochs: {@code --epochs}, or the data set's default. */
  int epochs(DataOptions.Source source) {
    return epochs != null ? epochs : recipe(source).epochs();
  }

  /** Checks the numbers; messages name the option and the allowed range. */
  void check() {
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new SampleApp.UserException(
          "--learning-rate must be a positive number, got " + learningRate);
    }
    if (batchSize != null && batchSize < 1) {
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
