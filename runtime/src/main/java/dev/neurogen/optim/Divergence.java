package dev.neurogen.optim;

import java.util.List;

/**
 * Names what made an update diverge, for {@link dev.neurogen.TrainingDivergedException}'s message:
 * the first parameter, or else the first new optimizer moment, that is not finite. One place for
 * the wording of the double and float updates alike; runs only after a step has failed.
 */
final class Divergence {
  private Divergence() {}

  /** {@code "parameter W1[r][c] NaN (it is 0.5)"} for the first non-finite {@code updated} value, or null. */
  static String parameter(double[][] updated, double[][] old, ParameterStorage storage) {
    for (int s = 0; s < updated.length; s++) {
      for (int k = 0; k < updated[s].length; k++) {
        if (!Double.isFinite(updated[s][k])) {
          return parameter(storage, s, k, updated[s][k], old[s][k]);
        }
      }
    }
    return null;
  }

  /** {@link #parameter(double[][], double[][], ParameterStorage)} for float segments. */
  static String parameter(float[][] updated, float[][] old, ParameterStorage storage) {
    for (int s = 0; s < updated.length; s++) {
      for (int k = 0; k < updated[s].length; k++) {
        if (!Float.isFinite(updated[s][k])) {
          return parameter(storage, s, k, updated[s][k], old[s][k]);
        }
      }
    }
    return null;
  }

  /** {@code "the adam exp_avg_sq of parameter W1[r][c] Infinity"} for the first non-finite moment, or null. */
  static String moment(String optimizer, List<String> names, double[][][] moments, ParameterStorage storage) {
    for (int b = 0; b < names.size(); b++) {
      for (int s = 0; s < moments[b].length; s++) {
        for (int k = 0; k < moments[b][s].length; k++) {
          if (!Double.isFinite(moments[b][s][k])) {
            return moment(optimizer, names.get(b), storage, s, k, moments[b][s][k]);
          }
        }
      }
    }
    return null;
  }

  /** {@link #moment(String, List, double[][][], ParameterStorage)} for float moments. */
  static String moment(String optimizer, List<String> names, float[][][] moments, ParameterStorage storage) {
    for (int b = 0; b < names.size(); b++) {
      for (int s = 0; s < moments[b].length; s++) {
        for (int k = 0; k < moments[b][s].length; k++) {
          if (!Float.isFinite(moments[b][s][k])) {
            return moment(optimizer, names.get(b), storage, s, k, moments[b][s][k]);
          }
        }
      }
    }
    return null;
  }

  // the values come boxed so that a float prints as a float and a double as a double
  private static String parameter(ParameterStorage storage, int s, int k, Object updated, Object old) {
    return "parameter " + storage.describe(s, k) + " " + updated + " (it is " + old + ")";
  }

  private static String moment(String optimizer, String name, ParameterStorage storage, int s, int k, Object value) {
    return "the " + optimizer + " " + name + " of parameter " + storage.describe(s, k) + " " + value;
  }
}
