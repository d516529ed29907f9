package dev.neurogen;

import java.util.SplittableRandom;

/**
 * Compares a network's computed gradient with central finite differences {@code (L(p + h) - L(p -
 * h)) / 2h} over its parameters, and reports the worst relative error. Use it to validate a
 * network and loss you rely on, as the project's own tests do.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.check(net,
 *     gradient -> net.lossAndGradient(inputs, labels, batch, gradient));
 * assert r.maxRelativeError() < 1e-6 : r;
 * }</pre>
 *
 * <p>The relative error of one parameter is {@code |analytic - numeric| / max(|analytic|,
 * |numeric|, floor)}; the floor (default {@value #DEFAULT_FLOOR}) keeps round-off on gradients
 * that are practically zero from counting as a large relative error. The network's parameters
 * are restored afterwards.
 */
public final class GradientCheck {
  /** Default step {@code h} relative to {@code max(1, |p|)}. */
  public static final double DEFAULT_STEP = 1e-5;

  /** Default lower bound of the relative error's denominator. */
  public static final double DEFAULT_FLOOR = 1e-4;

  /** A loss of the network's current parameters that also writes its gradient. */
  @FunctionalInterface
  public interface Objective {
    /** Returns the loss and writes its gradient into {@code gradient} (flat layout). */
    double lossAndGradient(double[] gradient);
  }

  /** The outcome of a check: the worst parameter and how far apart the two gradients were. */
  public record Result(
      double maxRelativeError, int worstIndex, String worstParameter, double analytic,
      double numeric, int checkedParameters) {
    @Override
    public String toString() {
      return String.format(
          "max relative error %.3e at %s (index %d): analytic %.12e, numeric %.12e; %d parameters checked",
          maxRelativeError, worstParameter, worstIndex, analytic, numeric, checkedParameters);
    }
  }

  private GradientCheck() {}

  /** Checks every parameter. */
  public static Result check(NeuralNetwork network, Objective objective) {
    return check(network, objective, Integer.MAX_VALUE, 0L);
  }

  /**
   * Checks {@code samples} parameters drawn with a seed (every parameter if {@code samples} is at
   * least the parameter count), for networks too large to check in full.
   */
  public static Result check(NeuralNetwork network, Objective objective, int samples, long seed) {
    int count = network.parameterCount();
    double[] parameters = new double[count];
    double[] analytic = new double[count];
    double[] scratch = new double[count];
    network.getParameters(parameters);
    objective.lossAndGradient(analytic);
    ParameterLayout layout = ParameterLayout.of(network.layerSizes());
    SplittableRandom random = new SplittableRandom(seed);
    int checked = Math.min(samples, count);
    double worst = -1;
    int worstIndex = 0;
    double worstNumeric = 0;
    try {
      for (int n = 0; n < checked; n++) {
        int k = checked == count ? n : random.nextInt(count);
        double original = parameters[k];
        double h = DEFAULT_STEP * Math.max(1.0, Math.abs(original));
        parameters[k] = original + h;
        network.setParameters(parameters);
        double plus = objective.lossAndGradient(scratch);
        parameters[k] = original - h;
        network.setParameters(parameters);
        double minus = objective.lossAndGradient(scratch);
        parameters[k] = original;
        double numeric = (plus - minus) / (2 * h);
        double error = relativeError(analytic[k], numeric);
        if (error > worst) {
          worst = error;
          worstIndex = k;
          worstNumeric = numeric;
        }
      }
    } finally {
      network.setParameters(parameters);
    }
    return new Result(
        worst, worstIndex, layout.describe(worstIndex), analytic[worstIndex], worstNumeric, checked);
  }

  /** {@code |a - b| / max(|a|, |b|, DEFAULT_FLOOR)}; NaN counts as infinitely wrong. */
  public static double relativeError(double a, double b) {
    double error = Math.abs(a - b) / Math.max(DEFAULT_FLOOR, Math.max(Math.abs(a), Math.abs(b)));
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }
}
