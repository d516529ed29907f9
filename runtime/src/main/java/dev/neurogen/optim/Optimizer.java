package dev.neurogen.optim;

/**
 * An optimizer's configuration: which update rule, its hyperparameters and its learning-rate
 * schedule. An immutable value; the mutable part (moments, step count) lives in the {@link
 * OptimizerState} that {@link #newState()} creates, one per network instance. Each
 * implementation's Javadoc gives the exact PyTorch update it performs.
 *
 * <p>Weight decay: every optimizer takes {@code weightDecay} and {@code decayBiases}. With {@code
 * decayBiases = false} (the default) only weights are decayed; PyTorch decays every parameter in
 * the group, so set {@code decayBiases(true)} to match it.
 */
public sealed interface Optimizer permits Sgd, Adam, AdamW, RmsProp {

  /** The learning rate of each step. */
  LearningRateSchedule learningRate();

  /** Whether biases are decayed too (PyTorch decays every parameter; the default here is false). */
  boolean decayBiases();

  /** The lower-case name, as in snapshots: {@code "sgd"}, {@code "adam"}, {@code "adamw"} or {@code "rmsprop"}. */
  String name();

  /** A fresh state for one network instance: step 0, moments allocated on the first step. */
  default OptimizerState newState() {
    return new OptimizerState(this);
  }

  /** Checks shared by the builders. */
  static double requireNonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and not negative, got " + value);
    }
    return value;
  }

  /** Checks shared by the builders: a decay factor in [0, 1). */
  static double requireBeta(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
    return value;
  }
}
