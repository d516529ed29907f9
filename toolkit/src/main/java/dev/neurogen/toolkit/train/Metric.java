package dev.neurogen.toolkit.train;

/**
 * A per-epoch quantity the fit loop records in {@link History} and early stopping can monitor,
 * with the direction in which it improves (so accuracy is never minimised by mistake).
 */
public enum Metric {
  /** Mean training loss over the epoch's batches (weighted by batch size). Lower is better. */
  LOSS("loss", false),
  /**
   * Accuracy on the training data after the epoch, with the epoch's final parameters (classifiers
   * only): on every training row, or on a fixed seeded sample of {@link
   * FitConfig#trainingAccuracyRows()} rows of a larger training set. Unlike Keras, which averages
   * over the batches while the parameters change, this is the accuracy of the network the epoch
   * produced. Higher is better.
   */
  ACCURACY("accuracy", true),
  /** Mean loss on the validation data after the epoch. Lower is better. */
  VAL_LOSS("val_loss", false),
  /**
   * Accuracy on the validation data after the epoch (classifiers only; a single sigmoid output
   * uses the threshold of {@link FitConfig#threshold()}). Higher is better.
   */
  VAL_ACCURACY("val_accuracy", true);

  private final String key;
  private final boolean higherIsBetter;

  Metric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** The series name in {@link History} and epoch events, Keras-style ({@code "val_loss"}). */
  public String key() {
    return key;
  }

  /** True if larger values are better (accuracy), false if smaller are (losses). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** True if this metric needs validation data. */
  public boolean needsValidation() {
    return this == VAL_LOSS || this == VAL_ACCURACY;
  }

  /** True if {@code candidate} beats {@code best} by more than {@code minDelta}. */
  public boolean improves(double candidate, double best, double minDelta) {
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
  }
}
