package dev.neurogen.toolkit.train;

import java.util.Objects;

/**
 * Stop when {@link #metric()} has not improved by more than {@link #minDelta()} for {@link
 * #patience()} epochs in a row. Whatever ends training (early stopping, the epoch limit, a
 * listener), the parameters of the best epoch are restored at the end when {@link
 * #restoreBest()} is set (the default), unlike Keras before tf-keras#693, which restored them only
 * when it stopped training itself.
 *
 * @param metric the monitored metric; its direction is part of it
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta the least change that counts as an improvement, not negative
 * @param restoreBest whether to restore the best epoch's parameters at the end
 */
public record EarlyStopping(Metric metric, int patience, double minDelta, boolean restoreBest) {
  /** Default least improvement. */
  public static final double DEFAULT_MIN_DELTA = 0.0;

  /** Checks the values. */
  public EarlyStopping {
    Objects.requireNonNull(metric, "metric must not be null");
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("minDelta must be finite and not negative, got " + minDelta);
    }
  }

  /** Monitor {@code metric} with {@code patience}, no minimum delta, restoring the best parameters. */
  public static EarlyStopping of(Metric metric, int patience) {
    return new EarlyStopping(metric, patience, DEFAULT_MIN_DELTA, true);
  }

  /** This rule with another minimum improvement. */
  public EarlyStopping withMinDelta(double minDelta) {
    return new EarlyStopping(metric, patience, minDelta, restoreBest);
  }

  /** This rule with restoring the best parameters on or off. */
  public EarlyStopping withRestoreBest(boolean restoreBest) {
    return new EarlyStopping(metric, patience, minDelta, restoreBest);
  }
}
