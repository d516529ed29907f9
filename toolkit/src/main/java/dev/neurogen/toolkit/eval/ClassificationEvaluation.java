package dev.neurogen.toolkit.eval;

import dev.neurogen.Loss;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.model.Model;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Classification metrics of a model on a labelled data set, computed once; immutable and
 * query-only.
 *
 * <ul>
 *   <li>{@link #accuracy()}: fraction of samples predicted correctly (for one label per sample
 *       this is also the micro-averaged precision, recall and F1).
 *   <li>{@link #precision(int)}, {@link #recall(int)}, {@link #f1(int)} per class; <b>0/0 is
 *       0</b> (a class never predicted has precision 0, a class absent from the data has recall
 *       0), as scikit-learn's {@code zero_division=0}. {@link #macroF1()} etc. average over all
 *       classes of the model, absent ones included.
 *   <li>{@link #logLoss()}: mean {@code -ln p(true class)} with probabilities clipped to {@code
 *       [1e-15, 1 - 1e-15]}; for a single sigmoid output {@code p(1) = output}, {@code p(0) = 1 -
 *       output}. NaN for {@link Loss#HINGE}, whose outputs are not probabilities.
 * </ul>
 *
 * {@link #toString()} prints the per-class table (Tribuo-style) and the confusion matrix.
 */
public final class ClassificationEvaluation {
  /** Probabilities are clipped to [EPSILON, 1 - EPSILON] for the log loss. */
  public static final double EPSILON = 1e-15;

  private final ConfusionMatrix matrix;
  private final double logLoss;

  private ClassificationEvaluation(ConfusionMatrix matrix, double logLoss) {
    this.matrix = matrix;
    this.logLoss = logLoss;
  }

  /**
   * Evaluates {@code model} on {@code data} (raw features: the model applies its own scaler).
   *
   * @throws IllegalArgumentException if the data has no labels, the feature count differs, or a
   *     label is not a class of the model
   * @throws IllegalStateException if the model is a regressor
   */
  public static ClassificationEvaluation of(Model model, DataSet data) {
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(data, "data must not be null");
    if (!model.isClassifier()) {
      throw new IllegalStateException("the model is a regressor (loss " + model.loss()
          + "); use RegressionEvaluation");
    }
    if (!data.hasLabels()) {
      throw new IllegalArgumentException("data has target rows, not labels; use RegressionEvaluation");
    }
    if (data.featureCount() != model.inputSize()) {
      throw new IllegalArgumentException("data has " + data.featureCount() + " features but the network has "
          + model.inputSize() + " inputs");
    }
    int n = data.size();
    int[] truth = data.labels();
    int[] predicted = new int[n];
    double[] row = new double[data.featureCount()];
    double[] output = new double[model.outputSize()];
    boolean probabilities = model.loss() != Loss.HINGE;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      if (truth[i] >= model.classCount()) {
        throw new IllegalArgumentException("label " + truth[i] + " of row " + i + " is not one of the model's "
            + model.classCount() + " classes");
      }
      data.copyFeatures(i, row, 0);
      model.predict(row, output);
      predicted[i] = Model.classOf(output, model.threshold());
      if (probabilities) {
        double p = output.length == 1 ? (truth[i] == 1 ? output[0] : 1 - output[0]) : output[truth[i]];
        logLoss -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
      }
    }
    return new ClassificationEvaluation(ConfusionMatrix.of(truth, predicted, model.classNames()),
        probabilities && n > 0 ? logLoss / n : Double.NaN);
  }

  /**
   * Metrics of predicted classes against true ones, without probabilities ({@link #logLoss()} is
   * NaN).
   */
  public static ClassificationEvaluation of(int[] truth, int[] predicted, List<String> classNames) {
    return new ClassificationEvaluation(ConfusionMatrix.of(truth, predicted, classNames), Double.NaN);
  }

  /** The confusion matrix. */
  public ConfusionMatrix confusionMatrix() {
    return matrix;
  }

  /** Number of samples evaluated. */
  public int size() {
    return matrix.total();
  }

  /** Fraction predicted correctly; NaN for no samples. */
  public double accuracy() {
    int correct = 0;
    for (int k = 0; k < matrix.classCount(); k++) {
      correct += matrix.count(k, k);
    }
    return matrix.total() == 0 ? Double.NaN : (double) correct / matrix.total();
  }

  /** tp / (tp + fp) of class {@code k}; 0 if the class was never predicted. */
  public double precision(int k) {
    int predicted = matrix.predictedCount(k);
    return predicted == 0 ? 0 : (double) matrix.count(k, k) / predicted;
  }

  /** tp / (tp + fn) of class {@code k}; 0 if the class does not occur. */
  public double recall(int k) {
    int actual = matrix.truthCount(k);
    return actual == 0 ? 0 : (double) matrix.count(k, k) / actual;
  }

  /** Harmonic mean of precision and recall of class {@code k}; 0 if both are 0. */
  public double f1(int k) {
    double p = precision(k);
    double r = recall(k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Unweighted mean of the per-class precisions. */
  public double macroPrecision() {
    double sum = 0;
    for (int k = 0; k < matrix.classCount(); k++) {
      sum += precision(k);
    }
    return sum / matrix.classCount();
  }

  /** Unweighted mean of the per-class recalls. */
  public double macroRecall() {
    double sum = 0;
    for (int k = 0; k < matrix.classCount(); k++) {
      sum += recall(k);
    }
    return sum / matrix.classCount();
  }

  /** Unweighted mean of the per-class F1 scores. */
  public double macroF1() {
    double sum = 0;
    for (int k = 0; k < matrix.classCount(); k++) {
      sum += f1(k);
    }
    return sum / matrix.classCount();
  }

  /** Mean negative log-probability of the true class; NaN without probabilities. */
  public double logLoss() {
    return logLoss;
  }

  /** Per-class table, accuracy, macro averages, log loss, then the confusion matrix. */
  @Override
  public String toString() {
    List<String> names = matrix.classNames();
    int width = "class".length();
    for (String name : names) {
      width = Math.max(width, name.length());
    }
    width = Math.max(width, "macro".length());
    StringBuilder out = new StringBuilder();
    out.append(ConfusionMatrix.padRight("class", width))
        .append(String.format(Locale.ROOT, "  %6s  %9s  %6s  %6s%n", "n", "precision", "recall", "f1"));
    for (int k = 0; k < names.size(); k++) {
      out.append(ConfusionMatrix.padRight(names.get(k), width)).append(String.format(Locale.ROOT,
          "  %6d  %9.4f  %6.4f  %6.4f%n", matrix.truthCount(k), precision(k), recall(k), f1(k)));
    }
    out.append(ConfusionMatrix.padRight("macro", width)).append(String.format(Locale.ROOT,
        "  %6d  %9.4f  %6.4f  %6.4f%n", matrix.total(), macroPrecision(), macroRecall(), macroF1()));
    out.append(String.format(Locale.ROOT, "accuracy %.4f", accuracy()));
    if (!Double.isNaN(logLoss)) {
      out.append(String.format(Locale.ROOT, ", log loss %.4f", logLoss));
    }
    out.append("\n\n").append(matrix);
    return out.toString();
  }
}
