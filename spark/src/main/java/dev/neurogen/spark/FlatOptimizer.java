package dev.neurogen.spark;

import java.io.Serializable;

/**
 * The optimizer as the trainer uses it on flat parameter arrays: built from the estimator's
 * Params on the driver and (in parameter averaging) on every executor, with its state movable as
 * plain arrays so that it can be broadcast and averaged.
 */
final class FlatOptimizer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final double learningRate;
  private final int[] layerSizes;
  private long steps;

  FlatOptimizer(String name, double learningRate, int[] layerSizes) {
    if (!name.equals("sgd")) {
      throw new IllegalArgumentException(
          "optimizer is '" + name + "'; supported: sgd");
    }
    this.name = name;
    this.learningRate = learningRate;
    this.layerSizes = layerSizes.clone();
  }

  /** Updates parameters in place with the gradient {@code scale * gradient}; zeroes gradient. */
  void step(double[] parameters, double[] gradient, double scale) {
    double rate = learningRate * scale;
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] -= rate * gradient[i];
      gradient[i] = 0;
    }
    steps++;
  }

  /** Steps taken. */
  long steps() {
    return steps;
  }

  /** The moment buffers in the flat layout (copies; empty for plain SGD). */
  double[][] moments() {
    return new double[0][];
  }

  /** Replaces steps and moments (as {@link #moments} returns them). */
  void restore(long steps, double[][] moments) {
    this.steps = steps;
  }

  /** A fresh optimizer with the same settings and no state. */
  FlatOptimizer fresh() {
    return new FlatOptimizer(name, learningRate, layerSizes);
  }
}
