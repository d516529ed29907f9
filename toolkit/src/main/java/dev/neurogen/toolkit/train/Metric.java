package dev.neurogen.toolkit.train;

/**
 * A per-epoch quantity the fit loop records in {@link History} and early stopping can monitor,
 * with the direction in which it improves (so accuracy is never minimised by mistake).
 */
public enum Metric {
  /** Mean training loss over the epoch's batches (weighted by batch size). Lower is better. */
  LOSS("loss", false),
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
    return this != LOSS;
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
