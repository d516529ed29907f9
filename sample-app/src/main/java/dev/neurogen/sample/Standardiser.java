package dev.neurogen.sample;

/**
 * Per-feature mean and standard deviation, fitted on the training set only and then applied to
 * both sets, so that nothing about the test samples leaks into training.
 */
final class Standardiser {
  private final double[] mean;
  private final double[] scale;

  private Standardiser(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  static Standardiser fit(DataSet data) {
    int n = data.size();
    int d = data.features();
    double[] x = data.inputs();
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[s * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        double deviation = x[s * d + j] - mean[j];
        scale[j] += deviation * deviation;
      }
    }
    for (int j = 0; j < d; j++) {
      // Population standard deviation; a constant feature keeps scale 1 instead of dividing by 0.
      double sd = Math.sqrt(scale[j] / n);
      scale[j] = sd > 0 ? sd : 1.0;
    }
    return new Standardiser(mean, scale);
  }

  DataSet apply(DataSet data) {
    return data.standardised(mean, scale);
  }
}
