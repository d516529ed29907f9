package dev.neurogen;

/**
 * Plain stochastic gradient descent over the flat parameter array: {@code p -= learningRate * g}.
 * Generated {@code trainStep} methods do this internally on their own weight storage; use this
 * class when you compute gradients with {@code lossAndGradient} and manage the flat parameters
 * yourself (e.g. to average gradients from several threads).
 */
public final class Sgd {
  private final double learningRate;

  public Sgd(double learningRate) {
    ArgumentChecks.requireLearningRate(learningRate);
    this.learningRate = learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  /** Updates {@code parameters[0 .. gradient.length)} in place. */
  public void step(double[] parameters, double[] gradient) {
    if (parameters.length < gradient.length) {
      throw new IllegalArgumentException(
          "parameters has length " + parameters.length + " but gradient has " + gradient.length);
    }
    for (int k = 0; k < gradient.length; k++) {
      parameters[k] -= learningRate * gradient[k];
    }
  }
}
