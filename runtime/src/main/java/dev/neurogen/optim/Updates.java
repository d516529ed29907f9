package dev.neurogen.optim;

import dev.neurogen.TrainingDivergedException;
import java.util.Arrays;
import java.util.Objects;

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
   * Runs block by block ({@link UpdateRules}): each array is streamed once.
   *
   * @param step learning rate / batch size (the gradients are sums over the batch)
   * @param learningRate for the message only
   * @param sentinels scratch of at least {@link ParameterStorage#maxSegmentLength()} zeros, left zeroed
   */
  public static void descend(double[][] parameters, double[][] gradients, ParameterStorage storage, double step,
      double learningRate, double[] sentinels) {
    for (int s = 0; s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      for (int from = 0; from < p.length; from += UpdateRules.BLOCK) {
        UpdateRules.descend(p, g, step, from, Math.min(p.length, from + UpdateRules.BLOCK), sentinels);
      }
    }
    if (UpdateRules.drain(sentinels) != 0.0) {
      throw rollBack(parameters, gradients, storage, learningRate);
    }
    clear(gradients);
  }

  /**
   * {@link #descend} over a range of the segments (as {@link OptimizerState#update}), with the
   * gradient summed from the parts into {@code parts[0]} in part order, the others zeroed; the
   * sentinels go into {@code acc}; neither checks nor zeroes {@code parts[0]}.
   */
  static void descend(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1,
      double step, double[] acc) {
    double[][] gradients = parts[0];
    for (int s = s0; s <= s1 && s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      int end = s == s1 ? k1 : p.length;
      for (int from = s == s0 ? k0 : 0; from < end; from += UpdateRules.BLOCK) {
        int to = Math.min(end, from + UpdateRules.BLOCK);
        if (count > 1) {
          UpdateRules.gather(g, parts, count, s, from, to);
        }
        UpdateRules.descend(p, g, step, from, to, acc);
      }
    }
  }

  /** Restores the parameters from the undo log in the gradient arrays, zeroes those, names the first non-finite value. */
  static TrainingDivergedException rollBack(double[][] parameters, double[][] gradients, ParameterStorage storage,
      double learningRate) {
    String what = Objects.requireNonNullElse(Divergence.parameter(parameters, gradients, storage), "a parameter non-finite");
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(gradients[s], 0, parameters[s], 0, parameters[s].length);
    }
    clear(gradients);
    return TrainingDivergedException.updateNotFinite(what, 0, learningRate);
  }

  /**
   * Parameter bounds up to this make the single-sample shortcut skip its check: an update within
   * the bound cannot overflow (2^1000, far below {@code Double.MAX_VALUE} = 2^1024).
   */
  public static final double SAFE_BOUND = 0x1p1000;

  /** Margin for the rounding of the bounds (generous: about 1e-12). */
  private static final double ROUNDING = 1 + 0x1p-40;

  /**
   * A bound on every update of one layer in the single-sample SGD step, {@code step * |d_i * x_j|}
   * and {@code step * |d_i|}: {@code step * sum|d| * max(1, sum|x|)}, rounded up. NaN or infinite
   * if a delta or input is.
   */
  public static double reach(double step, double[] deltas, double[] inputs) {
    return step * sumAbs(deltas) * Math.max(1.0, sumAbs(inputs)) * ROUNDING;
  }

  /** A bound on every parameter after updates within {@code reach} of parameters within {@code bound}. */
  public static double grow(double bound, double reach) {
    return (bound + reach) * ROUNDING;
  }

  /** Copies each parameter segment into the (zero) gradient array of the same shape. */
  public static void backUp(double[][] parameters, double[][] backup) {
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(parameters[s], 0, backup[s], 0, parameters[s].length);
    }
  }

  /**
   * After in-place updates whose parameters were backed up with {@link #backUp}: if every
   * parameter is finite, zeroes the backup and returns the largest |parameter| (the new bound);
   * otherwise restores the parameters from the backup, zeroes it and throws {@link
   * TrainingDivergedException}.
   *
   * @param sentinels scratch of at least {@link ParameterStorage#maxSegmentLength()} zeros, left zeroed
   */
  public static double commitChecked(double[][] parameters, double[][] backup, ParameterStorage storage,
      double learningRate, double[] sentinels) {
    for (double[] values : parameters) {
      for (int from = 0; from < values.length; from += UpdateRules.BLOCK) {
        UpdateRules.check(values, from, Math.min(values.length, from + UpdateRules.BLOCK), sentinels);
      }
    }
    if (UpdateRules.drain(sentinels) != 0.0) {
      String what = Objects.requireNonNullElse(Divergence.parameter(parameters, backup, storage), "a parameter non-finite");
      for (int s = 0; s < parameters.length; s++) {
        System.arraycopy(backup[s], 0, parameters[s], 0, parameters[s].length);
      }
      clear(backup);
      throw TrainingDivergedException.updateNotFinite(what, 0, learningRate);
    }
    clear(backup);
    double bound = 0.0;
    for (double[] values : parameters) {
      for (double v : values) {
        bound = Math.max(bound, Math.abs(v));
      }
    }
    return bound;
  }

  /** The sum of |v|, in four partial sums (a shorter dependency chain). */
  private static double sumAbs(double[] values) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = 0;
    for (; k + 3 < values.length; k += 4) {
      s0 += Math.abs(values[k]);
      s1 += Math.abs(values[k + 1]);
      s2 += Math.abs(values[k + 2]);
      s3 += Math.abs(values[k + 3]);
    }
    for (; k < values.length; k++) {
      s0 += Math.abs(values[k]);
    }
    return (s0 + s1) + (s2 + s3);
  }


  private static void clear(double[][] arrays) {
    for (double[] a : arrays) {
      Arrays.fill(a, 0.0);
    }
  }
}
