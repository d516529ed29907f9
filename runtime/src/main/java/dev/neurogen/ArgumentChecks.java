package dev.neurogen;

/**
 * Checks of the arguments that application code passes to a generated network, so that a wrong
 * call fails at once with a message naming the argument instead of an index error deep inside the
 * generated loops, or silently wrong numbers. Generated code calls these; they allocate only when
 * they throw.
 */
public final class ArgumentChecks {
  private ArgumentChecks() {}

  /** {@code array} must hold at least {@code needed} values. */
  public static void requireLength(String name, double[] array, long needed, String shape) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + " but needs at least " + needed + " (" + shape + ")");
    }
  }

  /** {@code array} must hold at least {@code needed} values. */
  public static void requireLength(String name, int[] array, long needed, String shape) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + " but needs at least " + needed + " (" + shape + ")");
    }
  }

  /** The batch size must be positive. */
  public static void requireBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
  }

  /** Every label of the batch must be a class index in {@code [0, classes)}. */
  public static void requireLabels(int[] labels, int batchSize, int classes) {
    if (labels == null) {
      throw new NullPointerException("labels must not be null");
    }
    if (labels.length < batchSize) {
      throw new IllegalArgumentException(
          "labels has length " + labels.length + " but the batch has " + batchSize + " samples");
    }
    for (int s = 0; s < batchSize; s++) {
      if (labels[s] < 0 || labels[s] >= classes) {
        throw new IllegalArgumentException(
            "labels[" + s + "] = " + labels[s] + " is not a class index in [0, " + classes + ")");
      }
    }
  }

  /** Parameters must be finite: NaN or infinity would poison every later step. */
  public static void requireFinite(String name, double[] values, int count) {
    for (int k = 0; k < count; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalArgumentException(name + "[" + k + "] = " + values[k] + " is not finite");
      }
    }
  }

  /**
   * The first {@code count} values must be finite and within {@code [min, max]}: targets of
   * binary cross-entropy are probabilities, soft labels are not negative, and a NaN target would
   * silently turn the loss and every gradient into NaN.
   */
  public static void requireTargetsIn(double[] targets, long count, double min, double max) {
    for (int k = 0; k < count; k++) {
      double y = targets[k];
      if (!(y >= min && y <= max) || Double.isInfinite(y)) {
        String allowed = min == -Double.MAX_VALUE ? "a finite number"
            : max == Double.MAX_VALUE ? "a finite number >= " + min
            : "a number in [" + min + ", " + max + "]";
        throw new IllegalArgumentException("targets[" + k + "] = " + y + " is not " + allowed);
      }
    }
  }

  /** A learning rate must be a finite number. */
  public static void requireLearningRate(double learningRate) {
    if (!Double.isFinite(learningRate) || learningRate < 0) {
      throw new IllegalArgumentException(
          "learningRate must be finite and not negative, got " + learningRate);
    }
  }
}
