package dev.neurogen;

/**
 * Checks of the arguments that application code passes to a generated network, so that a wrong
 * call fails at once with a message naming the argument instead of an index error deep inside the
 * generated loops, or silently wrong numbers. Generated code calls these; they allocate only when
 * they throw.
 *
 * <p><b>Lengths.</b> A single row ({@code predict}/{@code classify} input and output) and a
 * parameter-layout array ({@code getParameters}, {@code setParameters}, the gradient of {@code
 * lossAndGradient}) must have exactly the network's size ({@link #requireExactLength}): a longer
 * array is a wrong feature vector or a wrong model, not something to truncate silently. Batch
 * arrays ({@code inputs}, {@code targets}, {@code labels}, {@code inputGradient}) must hold at
 * least {@code batchSize} rows ({@link #requireLength}) so that one buffer can be reused for a
 * shorter last batch of an epoch; only the first {@code batchSize} rows are read or written.
 *
 * <p><b>Finiteness.</b> Inputs and targets are checked to be finite before any arithmetic
 * ({@link #requireFiniteRows}): one NaN or infinity in a batch would otherwise spread into every
 * parameter in one training step. The check reads each value once and only allocates when it
 * throws.
 */
public final class ArgumentChecks {
  /**
   * How far a soft-label row (probability targets of {@code CROSS_ENTROPY}) may sum away from 1:
   * {@value}. Loose enough for rows computed in single precision (e.g. a float32 softmax over
   * thousands of classes), tight enough to catch unnormalised rows, which bias every gradient.
   */
  public static final double SOFT_LABEL_TOLERANCE = 1e-4;

  private ArgumentChecks() {}

  /**
   * {@code array} must hold exactly {@code needed} values: a single row or a whole parameter array,
   * where a longer array means a wrong feature vector or a wrong model.
   */
  public static void requireExactLength(String name, double[] array, long needed, String shape) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length != needed) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + " but must have exactly " + needed + " (" + shape + ")"
              + (array.length > needed ? ": a longer array is a different feature vector or model" : ""));
    }
  }

  /**
   * The first {@code rows} rows of {@code rowLength} values must be finite. One pass adds {@code x *
   * 0.0} for every value (0 for a finite x, NaN for NaN or an infinity) into eight independent
   * sums, which keeps both the multiply and the add units busy without a branch per value; only if
   * the total is not 0 does a second pass find and name the first culprit as {@code name[index] =
   * value (sample s, feature f)}. (Measured in {@code FinitenessCheckBenchmark}: about three times
   * as fast as four sums of {@code x - x}, and faster than a {@code Double.isFinite} loop.)
   */
  public static void requireFiniteRows(String name, double[] values, int rows, int rowLength) {
    int count = (int) Math.min((long) rows * rowLength, values.length);
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int k = 0;
    for (; k + 7 < count; k += 8) {
      s0 += values[k] * 0.0;
      s1 += values[k + 1] * 0.0;
      s2 += values[k + 2] * 0.0;
      s3 += values[k + 3] * 0.0;
      s4 += values[k + 4] * 0.0;
      s5 += values[k + 5] * 0.0;
      s6 += values[k + 6] * 0.0;
      s7 += values[k + 7] * 0.0;
    }
    for (; k < count; k++) {
      s0 += values[k] * 0.0;
    }
    if ((s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7) != 0) {
      throw notFinite(name, values, count, rowLength);
    }
  }

  private static IllegalArgumentException notFinite(String name, double[] values, int count, int rowLength) {
    for (int k = 0; k < count; k++) {
      if (!Double.isFinite(values[k])) {
        return notFinite(name, k, values[k], rowLength);
      }
    }
    throw new AssertionError("a non-finite value vanished from " + name);
  }

  /** Element {@code k} of a row-major batch is not finite; its value printed as the caller's type prints it. */
  private static IllegalArgumentException notFinite(String name, int k, Object value, int rowLength) {
    return new IllegalArgumentException(
        name + "[" + k + "] = " + value + " (sample " + k / rowLength + ", feature " + k % rowLength
            + ") is not finite. Check the data for missing values (NaN) and overflow before training");
  }

  private static IllegalArgumentException notProbabilities(int sample, int start, int classes, double sum) {
    return new IllegalArgumentException(
        "targets row of sample " + sample + " (targets[" + start + "] to targets[" + (start + classes - 1)
            + "]) sums to " + sum + ", but soft labels are class probabilities and must sum to 1 (within "
            + SOFT_LABEL_TOLERANCE + "). Divide the row by its sum, or use int labels");
  }

  /**
   * Soft labels: every one of the first {@code rows} rows of {@code classes} values must sum to 1
   * within {@link #SOFT_LABEL_TOLERANCE}. Call after {@link #requireTargetsIn}, which rejects
   * negative and non-finite values.
   */
  public static void requireProbabilityRows(double[] targets, int rows, int classes) {
    for (int s = 0; s < rows; s++) {
      double sum = 0;
      int start = s * classes;
      for (int k = start; k < start + classes; k++) {
        sum += targets[k];
      }
      if (!(Math.abs(sum - 1.0) <= SOFT_LABEL_TOLERANCE)) {
        throw notProbabilities(s, start, classes, sum);
      }
    }
  }

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
   * Like {@link #requireTargetsIn(double[], long, double, double)} for {@code rows} rows of {@code
   * rowLength} values, naming the sample and the output of an offending value.
   */
  public static void requireTargetsIn(double[] targets, int rows, int rowLength, double min, double max) {
    long count = (long) rows * rowLength;
    for (int k = 0; k < count; k++) {
      double y = targets[k];
      if (!(y >= min && y <= max) || Double.isInfinite(y)) {
        throw new IllegalArgumentException("targets[" + k + "] = " + y + " is not " + allowed(min, max)
            + " (sample " + k / rowLength + ", output " + k % rowLength + ")");
      }
    }
  }

  private static String allowed(double min, double max) {
    return min == -Double.MAX_VALUE ? "a finite number"
        : max == Double.MAX_VALUE ? "a finite number >= " + min
        : "a number in [" + min + ", " + max + "]";
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

  // --- float overloads, for networks with precision = FLOAT: the same checks and messages ---

  /** {@link #requireExactLength(String, double[], long, String)} for a float array. */
  public static void requireExactLength(String name, float[] array, long needed, String shape) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length != needed) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + " but must have exactly " + needed + " (" + shape + ")"
              + (array.length > needed ? ": a longer array is a different feature vector or model" : ""));
    }
  }

  /** {@link #requireLength(String, double[], long, String)} for a float array. */
  public static void requireLength(String name, float[] array, long needed, String shape) {
    if (array == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + " but needs at least " + needed + " (" + shape + ")");
    }
  }

  /** {@link #requireFiniteRows(String, double[], int, int)} for a float array (eight float sums of x * 0). */
  public static void requireFiniteRows(String name, float[] values, int rows, int rowLength) {
    int count = (int) Math.min((long) rows * rowLength, values.length);
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int k = 0;
    for (; k + 7 < count; k += 8) {
      s0 += values[k] * 0.0f;
      s1 += values[k + 1] * 0.0f;
      s2 += values[k + 2] * 0.0f;
      s3 += values[k + 3] * 0.0f;
      s4 += values[k + 4] * 0.0f;
      s5 += values[k + 5] * 0.0f;
      s6 += values[k + 6] * 0.0f;
      s7 += values[k + 7] * 0.0f;
    }
    for (; k < count; k++) {
      s0 += values[k] * 0.0f;
    }
    if ((s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7) != 0) {
      for (int j = 0; j < count; j++) {
        if (!Float.isFinite(values[j])) {
          throw notFinite(name, j, values[j], rowLength);
        }
      }
      throw new AssertionError("a non-finite value vanished from " + name);
    }
  }

  /** {@link #requireProbabilityRows(double[], int, int)} for float rows (summed in double). */
  public static void requireProbabilityRows(float[] targets, int rows, int classes) {
    for (int s = 0; s < rows; s++) {
      double sum = 0;
      int start = s * classes;
      for (int k = start; k < start + classes; k++) {
        sum += targets[k];
      }
      if (!(Math.abs(sum - 1.0) <= SOFT_LABEL_TOLERANCE)) {
        throw notProbabilities(s, start, classes, sum);
      }
    }
  }

  /** {@link #requireFinite(String, double[], int)} for a float array. */
  public static void requireFinite(String name, float[] values, int count) {
    for (int k = 0; k < count; k++) {
      if (!Float.isFinite(values[k])) {
        throw new IllegalArgumentException(name + "[" + k + "] = " + values[k] + " is not finite");
      }
    }
  }

  /** {@link #requireTargetsIn(double[], int, int, double, double)} for float rows. */
  public static void requireTargetsIn(float[] targets, int rows, int rowLength, double min, double max) {
    long count = (long) rows * rowLength;
    for (int k = 0; k < count; k++) {
      float y = targets[k];
      if (!(y >= min && y <= max) || Float.isInfinite(y)) {
        throw new IllegalArgumentException("targets[" + k + "] = " + y + " is not " + allowed(min, max)
            + " (sample " + k / rowLength + ", output " + k % rowLength + ")");
      }
    }
  }

  /** {@link #requireTargetsIn(double[], long, double, double)} for a float array. */
  public static void requireTargetsIn(float[] targets, long count, double min, double max) {
    for (int k = 0; k < count; k++) {
      float y = targets[k];
      if (!(y >= min && y <= max) || Float.isInfinite(y)) {
        throw new IllegalArgumentException("targets[" + k + "] = " + y + " is not " + allowed(min, max));
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
