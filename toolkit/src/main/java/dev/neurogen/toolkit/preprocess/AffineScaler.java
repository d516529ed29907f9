package dev.neurogen.toolkit.preprocess;

import java.util.Arrays;
import java.util.Objects;

/** The shared arithmetic of the scalers: per-feature center and non-zero scale. */
final class AffineScaler {
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

  void transform(double[] source, int sourceOffset, double[] destination, int destinationOffset) {
    for (int j = 0; j < center.length; j++) {
      destination[destinationOffset + j] = (source[sourceOffset + j] - center[j]) / scale[j];
    }
  }

  void inverse(double[] source, int sourceOffset, double[] destination, int destinationOffset) {
    for (int j = 0; j < center.length; j++) {
      destination[destinationOffset + j] = source[sourceOffset + j] * scale[j] + center[j];
    }
  }

  boolean sameAs(AffineScaler other) {
    return Arrays.equals(center, other.center) && Arrays.equals(scale, other.scale);
  }

  int hash() {
    return 31 * Arrays.hashCode(center) + Arrays.hashCode(scale);
  }
}
