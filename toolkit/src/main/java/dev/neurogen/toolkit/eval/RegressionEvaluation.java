package dev.neurogen.toolkit.eval;

import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.model.Model;
import java.util.Locale;
import java.util.Objects;

/**
 * Regression metrics of a model on a data set with target rows, computed once; immutable.
 *
 * <ul>
 *   <li>{@link #mse()}: mean over samples and outputs of {@code (prediction - target)^2} (no
 *       factor 1/2, unlike the training loss {@code MSE}).
 *   <li>{@link #r2(int)}: {@code 1 - SS_res / SS_tot} of output {@code k}, with {@code SS_tot}
 *       around the data's own mean; NaN if the targets of that output are constant. {@link
 *       #r2()} is the unweighted mean over outputs (scikit-learn's {@code uniform_average}).
 * </ul>
 */
public final class RegressionEvaluation {
  private final int size;
  private final double[] sumSquaredError;
  private final double[] totalSumOfSquares;
  private final double[] sumAbsoluteError;

  private RegressionEvaluation(int size, double[] sse, double[] sst, double[] sae) {
    this.size = size;
    this.sumSquaredError = sse;
    this.totalSumOfSquares = sst;
    this.sumAbsoluteError = sae;
  }

  /**
   * Evaluates {@code model} on {@code data} (raw features: the model applies its own scaler).
   *
   * @throws IllegalArgumentException if the data has labels or the shapes differ
   */
  public static RegressionEvaluation of(Model model, DataSet data) {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(data, "data must not be null");
    if (data.hasLabels()) {
      throw new IllegalArgumentException("data has labels; use ClassificationEvaluation");
    }
    int outputs = model.outputSize();
    if (data.targetCount() != outputs || data.featureCount() != model.inputSize()) {
      throw new IllegalArgumentException("data has " + data.featureCount() + " features and " + data.targetCount()
          + " targets but the network has " + model.inputSize() + " inputs and " + outputs + " outputs");
    }
    double[] predicted = new double[data.size() * outputs];
    double[] row = new double[data.featureCount()];
    double[] out = new double[outputs];
    for (int i = 0; i < data.size(); i++) {
      data.copyFeatures(i, row, 0);
      model.predict(row, out);
      System.arraycopy(out, 0, predicted, i * outputs, outputs);
    }
    return of(data.targets(), predicted, outputs);
  }

  /**
   * Metrics of row-major predictions against row-major targets with {@code outputs} values per row.
   *
   * @throws IllegalArgumentException if the lengths differ or are not a multiple of {@code outputs}
   */
  public static RegressionEvaluation of(double[] targets, double[] predicted, int outputs) {
    Objects.requireNonNull(targets, "targets must not be null");
    Objects.requireNonNull(predicted, "predicted must not be null");
    if (outputs < 1 || targets.length != predicted.length || targets.length % outputs != 0) {
      throw new IllegalArgumentException("targets (" + targets.length + ") and predicted (" + predicted.length
          + ") must have the same length, a multiple of outputs (" + outputs + ")");
    }
    int n = targets.length / outputs;
    double[] mean = new double[outputs];
    for (int i = 0; i < targets.length; i++) {
      mean[i % outputs] += targets[i];
    }
    for (int k = 0; k < outputs; k++) {
      mean[k] /= n;
    }
    double[] sse = new double[outputs];
    double[] sst = new double[outputs];
    double[] sae = new double[outputs];
    for (int i = 0; i < targets.length; i++) {
      int k = i % outputs;
      double e = predicted[i] - targets[i];
      sse[k] += e * e;
      sae[k] += Math.abs(e);
      double d = targets[i] - mean[k];
      sst[k] += d * d;
    }
    return new RegressionEvaluation(n, sse, sst, sae);
  }

  /** Number of samples. */
  public int size() {
    return size;
  }

  /** Number of outputs per sample. */
  public int outputCount() {
    return sumSquaredError.length;
  }

  /** Mean squared error over all samples and outputs. */
  public double mse() {
    double sum = 0;
    for (double s : sumSquaredError) {
      sum += s;
    }
    return sum / ((double) size * sumSquaredError.length);
  }

  /** Square root of {@link #mse()}. */
  public double rmse() {
    return Math.sqrt(mse());
  }

  /** Mean absolute error over all samples and outputs. */
  public double mae() {
    double sum = 0;
    for (double s : sumAbsoluteError) {
      sum += s;
    }
    return sum / ((double) size * sumAbsoluteError.length);
  }

  /** Coefficient of determination of output {@code k}; NaN if its targets are constant. */
  public double r2(int k) {
    return totalSumOfSquares[k] == 0 ? Double.NaN : 1 - sumSquaredError[k] / totalSumOfSquares[k];
  }

  /** Mean of {@link #r2(int)} over the outputs. */
  public double r2() {
    double sum = 0;
    for (int k = 0; k < sumSquaredError.length; k++) {
      sum += r2(k);
    }
    return sum / sumSquaredError.length;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "n %d, mse %.6g, rmse %.6g, mae %.6g, r2 %.6f", size, mse(), rmse(), mae(), r2());
  }
}
