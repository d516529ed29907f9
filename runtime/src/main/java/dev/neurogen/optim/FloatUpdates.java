package dev.neurogen.optim;

import dev.neurogen.TrainingDivergedException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The divergence-guarded plain SGD step of {@link Updates} for networks with {@code precision =
 * FLOAT}: the same algorithm on {@code float[]} segments (update in place, old value into the
 * consumed gradient array as the undo log, {@code v * 0} sentinels, one check per step). Generated
 * code calls these; they allocate only when they throw.
 *
 * <p>The optimizers' float steps ({@code trainStep(..., OptimizerState)} of a float network) are
 * {@link OptimizerState#step(float[][], float[][], ParameterStorage, float)}; their loss check is
 * {@link #requireFiniteLoss(float, float[][], OptimizerState)}.
 */
public final class FloatUpdates {
  private FloatUpdates() {}

  /** Like {@link Updates#requireFiniteLoss(double, double[][], double)} for float gradients. */
  public static void requireFiniteLoss(float loss, float[][] gradients, double learningRate) {
    if (!Float.isFinite(loss)) {
      clear(gradients);
      throw TrainingDivergedException.lossNotFinite(loss, 0, learningRate);
    }
  }

  /** {@link #requireFiniteLoss(float, float[][], double)} for an optimizer's step. */
  public static void requireFiniteLoss(float loss, float[][] gradients, OptimizerState optimizer) {
    if (!Float.isFinite(loss)) {
      clear(gradients);
      throw TrainingDivergedException.lossNotFinite(loss, optimizer.steps(), optimizer.currentLearningRate());
    }
  }

  /** Like {@link Updates#descend}: {@code p -= step * g} per segment, restored if any result is not finite. */
  public static void descend(float[][] parameters, float[][] gradients, ParameterStorage storage, float step,
      double learningRate, float[] sentinels) {
    for (int s = 0; s < parameters.length; s++) {
      float[] p = parameters[s];
      float[] g = gradients[s];
      // block by block with the check in the update loop, as UpdateRules
      for (int from = 0; from < p.length; from += BLOCK) {
        int to = Math.min(p.length, from + BLOCK);
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - step * g[k];
          g[k] = x;
          p[k] = y;
          sentinels[k] += y * 0.0f;
        }
      }
    }
    if (!drain(sentinels)) {
      String what = Objects.requireNonNullElse(Divergence.parameter(parameters, gradients, storage), "a parameter non-finite");
      for (int s = 0; s < parameters.length; s++) {
        System.arraycopy(gradients[s], 0, parameters[s], 0, parameters[s].length);
      }
      clear(gradients);
      throw TrainingDivergedException.updateNotFinite(what, 0, learningRate);
    }
    clear(gradients);
  }

  /** The largest parameter magnitude up to which float shortcut updates need no check: {@value}. */
  public static final float SAFE_BOUND = 0x1p100f;

  private static final float ROUNDING = 1 + 0x1p-16f;

  /** Like {@link Updates#reach}: a bound on one layer's shortcut updates, in float. */
  public static float reach(float step, float[] deltas, float[] inputs) {
    return step * sumAbs(deltas) * Math.max(1.0f, sumAbs(inputs)) * ROUNDING;
  }

  /** Like {@link Updates#grow}. */
  public static float grow(float bound, float reach) {
    return (bound + reach) * ROUNDING;
  }

  /** Like {@link Updates#backUp}. */
  public static void backUp(float[][] parameters, float[][] backup) {
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(parameters[s], 0, backup[s], 0, parameters[s].length);
    }
  }

  /** Like {@link Updates#commitChecked}: returns the new bound on |parameter|. */
  public static float commitChecked(float[][] parameters, float[][] backup, ParameterStorage storage,
      double learningRate, float[] sentinels) {
    for (float[] values : parameters) {
      for (int from = 0; from < values.length; from += BLOCK) {
        check(values, from, Math.min(values.length, from + BLOCK), sentinels);
      }
    }
    if (!drain(sentinels)) {
      String what = Objects.requireNonNullElse(Divergence.parameter(parameters, backup, storage), "a parameter non-finite");
      for (int s = 0; s < parameters.length; s++) {
        System.arraycopy(backup[s], 0, parameters[s], 0, parameters[s].length);
      }
      clear(backup);
      throw TrainingDivergedException.updateNotFinite(what, 0, learningRate);
    }
    clear(backup);
    float bound = 0.0f;
    for (float[] values : parameters) {
      for (float v : values) {
        bound = Math.max(bound, Math.abs(v));
      }
    }
    return bound;
  }

  /** Elements per block ({@value}, as {@link UpdateRules#BLOCK}: the float arrays of a block take half the room). */
  private static final int BLOCK = UpdateRules.BLOCK;

  private static void check(float[] values, int from, int to, float[] acc) {
    for (int k = from; k < to; k++) {
      acc[k] += values[k] * 0.0f;
    }
  }

  /** Whether every sentinel is 0; leaves them zeroed. */
  private static boolean drain(float[] acc) {
    float sum = 0.0f;
    for (float a : acc) {
      sum += a;
    }
    if (sum != 0.0f) {
      Arrays.fill(acc, 0.0f);
      return false;
    }
    return true;
  }

  private static float sumAbs(float[] values) {
    float s0 = 0.0f;
    float s1 = 0.0f;
    float s2 = 0.0f;
    float s3 = 0.0f;
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


  private static void clear(float[][] arrays) {
    for (float[] a : arrays) {
      Arrays.fill(a, 0.0f);
    }
  }
}
