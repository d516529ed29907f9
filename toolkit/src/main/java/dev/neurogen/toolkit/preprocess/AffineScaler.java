package dev.neurogen.toolkit.preprocess;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the two scalers share: a per-feature center and non-zero scale, the transform and its
 * inverse, and value equality (same class, same numbers). Each subclass adds how it is fitted.
 */
abstract class AffineScaler {
  final double[] center;
  final double[] scale;

  AffineScaler(double[] center, double[] scale) {
    Objects.requireNonNull(center, "center must not be null");
    Objects.requireNonNull(scale, "scale must not be null");
    if (center.length != scale.length || center.length == 0) {
      throw new IllegalArgumentException("center (" + center.length + ") and scale (" + scale.length
          + ") must have the same, non-zero length");
    }
    for (int j = 0; j < center.length; j++) {
      if (!Double.isFinite(center[j]) || !Double.isFinite(scale[j]) || scale[j] == 0) {
        throw new IllegalArgumentException("feature " + j + ": center " + center[j] + ", scale " + scale[j]
            + "; both must be finite and the scale not 0");
      }
    }
    this.center = center.clone();
    this.scale = scale.clone();
  }

  /** Number of features the scaler was fitted on. */
  public int featureCount() {
    return center.length;
  }

  /** A copy of the per-feature centers. */
  public double[] center() {
    return center.clone();
  }

  /** A copy of the per-feature scales; never 0. */
  public double[] scale() {
    return scale.clone();
  }

  /** Scales one row (see {@link Scaler#transform(double[], int, double[], int)}). */
  public void transform(double[] source, int sourceOffset, double[] destination, int destinationOffset) {
    for (int j = 0; j < center.length; j++) {
      destination[destinationOffset + j] = (source[sourceOffset + j] - center[j]) / scale[j];
    }
  }

  /** Unscales one row (see {@link Scaler#inverse(double[], int, double[], int)}). */
  public void inverse(double[] source, int sourceOffset, double[] destination, int destinationOffset) {
    for (int j = 0; j < center.length; j++) {
      destination[destinationOffset + j] = source[sourceOffset + j] * scale[j] + center[j];
    }
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass()
        && Arrays.equals(center, ((AffineScaler) other).center) && Arrays.equals(scale, ((AffineScaler) other).scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(center) + Arrays.hashCode(scale);
  }
}
