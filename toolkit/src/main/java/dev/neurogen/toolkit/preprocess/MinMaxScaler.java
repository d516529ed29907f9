package dev.neurogen.toolkit.preprocess;

import dev.neurogen.toolkit.data.DataSet;
import java.util.Arrays;
import java.util.Objects;

/**
 * Min-max scaling: {@code x' = (x - min) / (max - min)} per feature, mapping the training range to
 * {@code [0, 1]} (values outside the training range map outside it). Fitted by {@link
 * #fit(DataSet)} on the training part only; a constant column gets scale 1 (only shifted). Suits
 * bounded features such as pixel values; prefer {@link Standardizer} otherwise. Immutable.
 */
public final class MinMaxScaler extends AffineScaler implements Scaler {
  private MinMaxScaler(double[] min, double[] range) {
    super(min, range);
  }

  /**
   * Fits on the features of {@code training}.
   *
   * @throws IllegalArgumentException if {@code training} is empty
   */
  public static MinMaxScaler fit(DataSet training) {
    Objects.requireNonNull(training, "training must not be null");
    int n = training.size();
    int d = training.featureCount();
    if (n == 0) {
      throw new IllegalArgumentException("training is empty; fit the scaler on the training part");
    }
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        double x = training.feature(r, j);
        min[j] = Math.min(min[j], x);
        max[j] = Math.max(max[j], x);
      }
    }
    double[] range = new double[d];
    for (int j = 0; j < d; j++) {
      double width = max[j] - min[j];
      range[j] = width > 0 && Double.isFinite(width) ? width : 1.0;
    }
    return new MinMaxScaler(min, range);
  }

  /**
   * A scaler with the given minimums and ranges (for example read from a file).
   *
   * @throws IllegalArgumentException if the lengths differ, a value is not finite or a range is 0
   */
  public static MinMaxScaler of(double[] min, double[] range) {
    return new MinMaxScaler(min, range);
  }

  @Override
  public String kind() {
    return "min-max";
  }

  @Override
  public String toString() {
    return "MinMaxScaler[min=" + Arrays.toString(center) + ", range=" + Arrays.toString(scale) + "]";
  }
}
