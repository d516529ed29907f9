package dev.neurogen.sample;

import dev.neurogen.Classifier;
import java.util.List;
import java.util.Objects;

/**
 * Labelled samples in the row-major layout that generated networks take: sample {@code s} is
 * {@code inputs[s * features .. (s + 1) * features)} with class {@code labels[s]}. Immutable by
 * convention: every transformation returns a new data set.
 */
final class DataSet {
  private final int features;
  private final List<String> classNames;
  private final double[] inputs;
  private final int[] labels;

  DataSet(int features, List<String> classNames, double[] inputs, int[] labels) {
    this.features = features;
    this.classNames = List.copyOf(classNames);
    this.inputs = Objects.requireNonNull(inputs);
    this.labels = Objects.requireNonNull(labels);
    if (inputs.length != labels.length * features) {
      throw new IllegalArgumentException(
          inputs.length + " input values do not make " + labels.length + " rows of " + features);
    }
    for (int label : labels) {
      if (label < 0 || label >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + label + " is not in [0, " + classNames.size() + ")");
      }
    }
  }

  int size() {
    return labels.length;
  }

  int features() {
    return features;
  }

  int classes() {
    return classNames.size();
  }

  List<String> classNames() {
    return classNames;
  }

  /** The backing row-major input array; callers must not modify it. */
  double[] inputs() {
    return inputs;
  }

  /** The backing label array; callers must not modify it. */
  int[] labels() {
    return labels;
  }

  int label(int sample) {
    return labels[sample];
  }

  /** Copies the features of one sample into {@code destination[offset ..]}. */
  void copyRow(int sample, double[] destination, int offset) {
    System.arraycopy(inputs, sample * features, destination, offset, features);
  }

  /** A new data set made of the given samples, in the given order. */
  DataSet select(int[] samples) {
    double[] x = new double[samples.length * features];
    int[] y = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      copyRow(samples[i], x, i * features);
      y[i] = labels[samples[i]];
    }
    return new DataSet(features, classNames, x, y);
  }

  /** A new data set whose feature {@code j} is {@code (x_j - mean[j]) / scale[j]}. */
  DataSet standardised(double[] mean, double[] scale) {
    double[] x = new double[inputs.length];
    for (int s = 0; s < size(); s++) {
      for (int j = 0; j < features; j++) {
        int k = s * features + j;
        x[k] = (inputs[k] - mean[j]) / scale[j];
      }
    }
    return new DataSet(features, classNames, x, labels);
  }

  /** Mean loss of the network over all samples. */
  double loss(Classifier net) {
    return net.loss(inputs, labels, size());
  }

  /** Fraction of samples whose predicted class is the true class. */
  double accuracy(Classifier net) {
    double[] row = new double[features];
    int correct = 0;
    for (int s = 0; s < size(); s++) {
      copyRow(s, row, 0);
      if (net.classify(row) == labels[s]) {
        correct++;
      }
    }
    return (double) correct / size();
  }
}
