package dev.neurogen.toolkit.preprocess;

import dev.neurogen.toolkit.data.DataSet;
import java.util.Arrays;
import java.util.Objects;

/**
 * Standardisation: {@code x' = (x - mean) / std} per feature, so each feature of the training data
 * has mean 0 and standard deviation 1.
 *
 * <p>Fitted by {@link #fit(DataSet)} on the <b>training part only</b> (fitting on all data leaks
 * the test data's statistics into training). The standard deviation is the sample one, with
 * {@code N - 1} in the denominator (as {@code pandas.std()} and {@code torch.std()}; scikit-learn's
 * {@code StandardScaler} uses {@code N}). A constant column (standard deviation 0), or a single
 * training row, gets scale 1 so it is only centred, never divided by 0. Immutable.
 */
public final class Standardizer extends AffineScaler implements Scaler {
  private Standardizer(double[] mean, double[] scale) {
    super(mean, scale);
  }

  /**
   * Fits on the features of {@code training}.
   *
   * @throws IllegalArgumentException if {@code training} is empty
   */
  public static Standardizer fit(DataSet training) {
    Objects.requireNonNull(training, "training must not be null");
    int n = training.size();
    int d = training.featureCount();
    if (n == 0) {
      throw new IllegalArgumentException("training is empty; fit the standardizer on the training part");
    }
    double[] mean = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += training.feature(r, j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] scale = new double[d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        double e = training.feature(r, j) - mean[j];
        scale[j] += e * e;
      }
    }
    for (int j = 0; j < d; j++) {
      double std = n > 1 ? Math.sqrt(scale[j] / (n - 1)) : 0;
      scale[j] = std > 0 && Double.isFinite(std) ? std : 1.0;
    }
    return new Standardizer(mean, scale);
  }

  /**
   * A standardizer with the given means and standard deviations (for example read from a file).
   *
   * @throws IllegalArgumentException if the lengths differ, a value is not finite or a scale is 0
   */
  public static Standardizer of(double[] mean, double[] scale) {
    return new Standardizer(mean, scale);
  }

  /** A copy of the per-feature means. */
  public double[] mean() {
    return center.clone();
  }

  @Override
  public String kind() {
    return "standardizer";
  }

  @Override
  public String toString() {
    return "Standardizer[mean=" + Arrays.toString(center) + ", std=" + Arrays.toString(scale) + "]";
  }
}
