package dev.neurogen.toolkit.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Trainer#fit} did, immutable: every epoch's metrics by series name (Keras-style keys
 * {@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, {@code "val_accuracy"}, {@code "lr"}; element {@code e - 1}
 * is epoch {@code e}), the best epoch and its score for the monitored metric, why training stopped,
 * and the seed.
 *
 * @param series values per epoch by name, in a fixed order; unmodifiable
 * @param monitored the metric early stopping watched, or null without early stopping
 * @param bestEpoch the best epoch (from 1) for {@code monitored}, or the last epoch without it
 * @param bestScore {@code monitored}'s value at {@code bestEpoch}, NaN without it
 * @param restoredBest true if the parameters of {@code bestEpoch} were restored at the end
 * @param stopReason why training ended
 * @param seed the seed of the per-epoch shuffling
 */
public record History(Map<String, List<Double>> series, Metric monitored, int bestEpoch, double bestScore,
    boolean restoredBest, StopReason stopReason, long seed) {

  /** Copies the series. */
  public History {
    Objects.requireNonNull(stopReason, "stopReason must not be null");
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    series.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    series = Collections.unmodifiableMap(copy);
  }

  /** Number of epochs that ran. */
  public int epochs() {
    return series.isEmpty() ? 0 : series.values().iterator().next().size();
  }

  /** The values of series {@code name}, one per epoch; an empty list if there is no such series. */
  public List<Double> series(String name) {
    return series.getOrDefault(name, List.of());
  }

  /** The values of {@code metric}, one per epoch; empty if not recorded. */
  public List<Double> series(Metric metric) {
    return series(metric.key());
  }

  /** The series names, in order. */
  public List<String> names() {
    return new ArrayList<>(series.keySet());
  }

  /** The last epoch's value of {@code metric}, NaN if not recorded. */
  public double last(Metric metric) {
    List<Double> values = series(metric);
    return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
  }
}
