package dev.neurogen.optim;

import dev.neurogen.TrainingDivergedException;
import java.util.Arrays;

/**
 * The divergence guard and plain SGD update that generated {@code trainStep} methods call on
 * their own arrays (segments of their {@link ParameterStorage}). Application code does not need
 * these. Nothing here allocates unless it throws.
 */
public final class Updates {
  private Updates() {}

  /**
   * Throws {@link TrainingDivergedException} if the batch's loss is not finite, after zeroing the
   * gradients; nothing has been updated yet.
   */
  public static void requireFiniteLoss(double loss, double[][] gradients, double learningRate) {
    if (!Double.isFinite(loss)) {
      for (double[] g : gradients) {
        Arrays.fill(g, 0.0);
      }
      throw TrainingDivergedException.lossNotFinite(loss, 0, learningRate);
    }
  }

  /** {@link #requireFiniteLoss(double, double[][], double)} for an optimizer's step. */
  public static void requireFiniteLoss(double loss, double[][] gradients, OptimizerState optimizer) {
    if (!Double.isFinite(loss)) {
      for (double[] g : gradients) {
        Arrays.fill(g, 0.0);
      }
      throw TrainingDivergedException.lossNotFinite(loss, optimizer.steps(), optimizer.currentLearningRate());
    }
  }

  /**
   * Plain SGD, {@code p -= step * g} for every parameter, zeroing the gradients; if any new value
   * is not finite, every parameter is left as it was and {@link TrainingDivergedException} is thrown.
   *
   * @param step learning rate / batch size (the gradients are sums over the batch)
   * @param learningRate for the message only
   * @param sentinels scratch of at least {@link ParameterStorage#maxSegmentLength()} zeros, left zeroed
   */
  public static void descend(double[][] parameters, double[][] gradients, ParameterStorage storage, double step,
      double learningRate, double[] sentinels) {
    for (int s = 0; s < parameters.length; s++) {
      UpdateRules.descend(parameters[s], gradients[s], step, sentinels);
    }
    double sentinel = UpdateRules.drain(sentinels);
    if (sentinel != 0.0) {
      String what = firstNonFinite(parameters, gradients, storage);
      for (int s = 0; s < parameters.length; s++) {
        System.arraycopy(gradients[s], 0, parameters[s], 0, parameters[s].length);
      }
      clear(gradients);
      throw TrainingDivergedException.updateNotFinite(what, 0, learningRate);
    }
    clear(gradients);
  }

  /**
   * Commits new parameter values that were computed into the gradient arrays (the single-sample
   * shortcut of unrolled networks): if all are finite, copies them into the parameters; either way
   * zeroes the gradient arrays; if not, throws {@link TrainingDivergedException} and leaves the
   * parameters unchanged.
   *
   * @param sentinels scratch of at least {@link ParameterStorage#maxSegmentLength()} zeros, left zeroed
   */
  public static void commitStaged(double[][] parameters, double[][] staged, ParameterStorage storage,
      double learningRate, double[] sentinels) {
    for (double[] values : staged) {
      UpdateRules.check(values, sentinels);
    }
    double sentinel = UpdateRules.drain(sentinels);
    if (sentinel != 0.0) {
      String what = firstNonFinite(staged, parameters, storage);
      clear(staged);
      throw TrainingDivergedException.updateNotFinite(what, 0, learningRate);
    }
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(staged[s], 0, parameters[s], 0, parameters[s].length);
    }
    clear(staged);
  }

  private static String firstNonFinite(double[][] updated, double[][] old, ParameterStorage storage) {
    for (int s = 0; s < updated.length; s++) {
      for (int k = 0; k < updated[s].length; k++) {
        if (!Double.isFinite(updated[s][k])) {
          return "parameter " + storage.describe(s, k) + " " + updated[s][k] + " (it is " + old[s][k] + ")";
        }
      }
    }
    return "a parameter non-finite";
  }

  private static void clear(double[][] arrays) {
    for (double[] a : arrays) {
      Arrays.fill(a, 0.0);
    }
  }
}
