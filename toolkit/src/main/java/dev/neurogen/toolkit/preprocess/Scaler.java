package dev.neurogen.toolkit.preprocess;

import dev.neurogen.toolkit.data.DataSet;
import java.util.Objects;

/**
 * A fitted, immutable per-feature affine transform {@code x' = (x - center) / scale}, fitted on the
 * training part only and then applied to every part and at prediction time. It is stored in the
 * model file with the network, so a loaded model scales raw inputs itself.
 *
 * <p>Why scale at all: a network trained on raw features whose ranges differ by orders of magnitude
 * learns slowly or not at all (one feature dominates every weighted sum, saturating tanh and
 * sigmoid units). Standardise the inputs unless they are already on a similar small scale.
 */
public sealed interface Scaler permits Standardizer, MinMaxScaler {

  /** Name stored in model files: {@code "standardizer"} or {@code "min-max"}. */
  String kind();

  /** Number of features the scaler was fitted on. */
  int featureCount();

  /** A copy of the per-feature centers (mean, or minimum). */
  double[] center();

  /** A copy of the per-feature scales (standard deviation, or range); never 0. */
  double[] scale();

  /**
   * Scales one row: {@code destination[destinationOffset + j] = (source[sourceOffset + j] -
   * center[j]) / scale[j]} for every feature {@code j}. Allocates nothing; {@code source} and
   * {@code destination} may be the same array.
   */
  void transform(double[] source, int sourceOffset, double[] destination, int destinationOffset);

  /** The inverse of {@link #transform(double[], int, double[], int)}: {@code x = x' * scale + center}. */
  void inverse(double[] source, int sourceOffset, double[] destination, int destinationOffset);

  /** A scaled copy of one row. */
  default double[] transform(double[] row) {
    Objects.requireNonNull(row, "row must not be null");
    if (row.length != featureCount()) {
      throw new IllegalArgumentException("row has " + row.length + " values but the scaler was fitted on "
          + featureCount() + " features");
    }
    double[] out = new double[row.length];
    transform(row, 0, out, 0);
    return out;
  }

  /** The unscaled copy of one scaled row. */
  default double[] inverse(double[] row) {
    Objects.requireNonNull(row, "row must not be null");
    if (row.length != featureCount()) {
      throw new IllegalArgumentException("row has " + row.length + " values but the scaler was fitted on "
          + featureCount() + " features");
    }
    double[] out = new double[row.length];
    inverse(row, 0, out, 0);
    return out;
  }

  /**
   * The data set with every feature row scaled; labels, targets and names unchanged.
   *
   * @throws IllegalArgumentException if the feature count differs from the fitted one
   */
  default DataSet transform(DataSet data) {
    Objects.requireNonNull(data, "data must not be null");
    if (data.featureCount() != featureCount()) {
      throw new IllegalArgumentException("data has " + data.featureCount() + " features but the scaler was fitted on "
          + featureCount());
    }
    double[] features = data.features();
    for (int r = 0; r < data.size(); r++) {
      transform(features, r * featureCount(), features, r * featureCount());
    }
    return data.withFeatures(features, featureCount());
  }
}
