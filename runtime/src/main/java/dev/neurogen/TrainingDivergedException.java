package dev.neurogen;

/**
 * A training step was refused because its loss, or the update it would have made to a parameter
 * or to the optimizer's state, is not finite (NaN or infinity): training has diverged. When this
 * is thrown, the network's parameters and the optimizer's state (moments and step count) are
 * exactly, bit for bit, what they were before the step, so training can go on from there with a
 * smaller learning rate or better scaled data.
 *
 * <p>The usual causes are a learning rate that is too high, and inputs or regression targets that
 * are not scaled (standardise features to mean 0 and variance 1; scale targets to a few units).
 */
public final class TrainingDivergedException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final double learningRate;

  /**
   * @param message what happened and what to try
   * @param step the optimizer steps taken before the refused one (0 for plain SGD)
   * @param learningRate the learning rate of the refused step
   */
  public TrainingDivergedException(String message, long step, double learningRate) {
    super(message);
    this.step = step;
    this.learningRate = learningRate;
  }

  /** Optimizer steps taken before the refused step (always 0 for the plain-SGD {@code trainStep}). */
  public long step() {
    return step;
  }

  /** The learning rate of the refused step. */
  public double learningRate() {
    return learningRate;
  }

  /** The advice appended to every message. */
  static final String ADVICE = " The parameters and optimizer state are unchanged. Likely causes: the"
      + " learning rate is too high, or the inputs or targets are not scaled (standardise the"
      + " features; scale regression targets to a few units).";

  /** The batch's loss is not finite: nothing was updated. */
  public static TrainingDivergedException lossNotFinite(double loss, long step, double learningRate) {
    return new TrainingDivergedException("training diverged: the batch's loss is " + loss
        + " (learning rate " + learningRate + ", step " + step + ")." + ADVICE, step, learningRate);
  }

  /** The update would have made {@code what} non-finite: nothing was updated. */
  public static TrainingDivergedException updateNotFinite(String what, long step, double learningRate) {
    return new TrainingDivergedException("training diverged: the update would make " + what
        + " (learning rate " + learningRate + ", step " + step + ")." + ADVICE, step, learningRate);
  }
}
