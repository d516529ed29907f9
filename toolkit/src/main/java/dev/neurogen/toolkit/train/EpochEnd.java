package dev.neurogen.toolkit.train;

import java.util.Map;

/**
 * One epoch done, after validation.
 *
 * @param epoch the epoch, from 1
 * @param epochs the configured maximum
 * @param metrics this epoch's values by series name ({@code "loss"}, {@code "accuracy"}, {@code
 *     "val_loss"}, {@code "val_accuracy"}, {@code "lr"}), in that order, each only if computed;
 *     unmodifiable
 * @param samplesPerSecond training samples per second in this epoch (steps only, not validation)
 * @param elapsedSeconds seconds this epoch took, validation and training accuracy included
 * @param improved true if the monitored metric improved (always false without early stopping)
 */
public record EpochEnd(int epoch, int epochs, Map<String, Double> metrics, double samplesPerSecond,
    double elapsedSeconds, boolean improved) {

  /** Copies the map. */
  public EpochEnd {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }

  /** The training loss of the epoch. */
  public double loss() {
    return metrics.get(Metric.LOSS.key());
  }

  /** A metric's value, NaN if it was not computed (for example without validation data). */
  public double metric(Metric metric) {
    return metrics.getOrDefault(metric.key(), Double.NaN);
  }
}
