package dev.neurogen.toolkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable table of samples: a row-major feature matrix with either one integer class label
 * per row ({@link #hasLabels()}) or a row of real targets per row (regression, multi-label).
 *
 * <p>Made in one call from {@code double[][]} or a row-major {@code double[]} ({@link #ofLabels},
 * {@link #ofTargets}), or read from files ({@link #readCsv}, {@link #readIdx}). The arrays given
 * are copied, so later changes to them do not change the data set. Labelled data sets carry their
 * class names (index {@code k} is named {@code classNames().get(k)}); without names given they are
 * {@code "0"}, {@code "1"}, ...
 *
 * <p>The copying accessors ({@link #features()}, {@link #labels()}, {@link #targets()}) allocate;
 * the row accessors ({@link #copyFeatures}, {@link #copyTargets}, {@link #label}) do not, which is
 * what the training loop uses.
 */
public final class DataSet {
  private final double[] features;
  private final int featureCount;
  private final int[] labels;
  private final double[] targets;
  private final int targetCount;
  private final List<String> classNames;
  private final List<String> featureNames;
  private final int size;

  private DataSet(double[] features, int featureCount, int[] labels, double[] targets, int targetCount,
      List<String> classNames, List<String> featureNames, int size) {
    this.features = features;
    this.featureCount = featureCount;
    this.labels = labels;
    this.targets = targets;
    this.targetCount = targetCount;
    this.classNames = classNames;
    this.featureNames = featureNames;
    this.size = size;
  }

  // ---------------------------------------------------------------------------------- factories

  /**
   * A labelled data set from one feature row per sample and one class index per sample. Class
   * names default to {@code "0" .. "k-1"} with {@code k = max(labels) + 1}; see {@link
   * #withClassNames}.
   *
   * @throws IllegalArgumentException if rows have different lengths, the counts differ, a label is
   *     negative or a feature is not finite
   */
  public static DataSet ofLabels(double[][] features, int[] labels) {
    int featureCount = requireRectangular("features", features);
    return ofLabels(flatten(features, featureCount), featureCount, labels);
  }

  /**
   * A labelled data set from a row-major feature array ({@code labels.length} rows of {@code
   * featureCount} values).
   *
   * @throws IllegalArgumentException if {@code features.length != labels.length * featureCount},
   *     a label is negative or a feature is not finite
   */
  public static DataSet ofLabels(double[] features, int featureCount, int[] labels) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    requirePositive("featureCount", featureCount);
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException("features has length " + features.length + " but labels.length x featureCount = "
          + labels.length + " x " + featureCount + " = " + (long) labels.length * featureCount
          + "; pass one row of featureCount values per label, row-major");
    }
    requireFinite("features", features, featureCount);
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is negative; labels are class indices 0, 1, ...");
      }
      max = Math.max(max, labels[i]);
    }
    return new DataSet(features.clone(), featureCount, labels.clone(), null, 0,
        defaultClassNames(max + 1), defaultFeatureNames(featureCount), labels.length);
  }

  /**
   * A data set with real target rows, from one feature row and one target row per sample.
   *
   * @throws IllegalArgumentException if rows have different lengths, the counts differ or a value
   *     is not finite
   */
  public static DataSet ofTargets(double[][] features, double[][] targets) {
    int featureCount = requireRectangular("features", features);
    int targetCount = requireRectangular("targets", targets);
    if (features.length != targets.length) {
      throw new IllegalArgumentException("features has " + features.length + " rows but targets has " + targets.length
          + "; give one target row per feature row");
    }
    return ofTargets(flatten(features, featureCount), featureCount, flatten(targets, targetCount), targetCount);
  }

  /**
   * A data set with real target rows from row-major arrays: {@code n} rows of {@code featureCount}
   * features and {@code n} rows of {@code targetCount} targets.
   *
   * @throws IllegalArgumentException if the lengths do not give the same row count or a value is
   *     not finite
   */
  public static DataSet ofTargets(double[] features, int featureCount, double[] targets, int targetCount) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(targets, "targets must not be null");
    requirePositive("featureCount", featureCount);
    requirePositive("targetCount", targetCount);
    if (features.length % featureCount != 0 || targets.length % targetCount != 0
        || features.length / featureCount != targets.length / targetCount) {
      throw new IllegalArgumentException("features (length " + features.length + ", " + featureCount
          + " per row) and targets (length " + targets.length + ", " + targetCount
          + " per row) must hold the same whole number of rows");
    }
    requireFinite("features", features, featureCount);
    requireFinite("targets", targets, targetCount);
    return new DataSet(features.clone(), featureCount, null, targets.clone(), targetCount, List.of(),
        defaultFeatureNames(featureCount), features.length / featureCount);
  }

  /**
   * Reads a CSV file (RFC 4180: quoted fields, embedded delimiters and line breaks).
   *
   * @throws DataFileException naming the line and column of the first bad value
   * @throws IOException if the file cannot be read
   */
  public static DataSet readCsv(Path file, CsvOptions options) throws IOException {
    return CsvLoader.read(file, options);
  }

  /**
   * Reads an image file and a label file in the IDX format of MNIST (gzip-compressed or not,
   * detected from the first bytes). Features are the unsigned byte values 0..255 of each image,
   * row-major; scale them (for example with {@code MinMaxScaler} or by 1/255) before training.
   *
   * @throws DataFileException if a file is not IDX, is truncated, or the counts differ
   * @throws IOException if a file cannot be read
   */
  public static DataSet readIdx(Path images, Path labels) throws IOException {
    return IdxLoader.read(images, labels);
  }

  /**
   * This data set with class names: {@code names.get(k)} names class {@code k}.
   *
   * @throws IllegalStateException if this data set has targets instead of labels
   * @throws IllegalArgumentException if there are fewer names than {@code max(labels) + 1}, or a
   *     name is blank or repeated
   */
  public DataSet withClassNames(List<String> names) {
    if (!hasLabels()) {
      throw new IllegalStateException("this data set has target rows, not labels; class names need labels");
    }
    List<String> copy = List.copyOf(Objects.requireNonNull(names, "names must not be null"));
    int max = -1;
    for (int label : labels) {
      max = Math.max(max, label);
    }
    if (copy.size() < max + 1) {
      throw new IllegalArgumentException("names has " + copy.size() + " entries but the labels go up to " + max
          + "; give a name for every class 0.." + max);
    }
    requireDistinct("names", copy);
    return new DataSet(features, featureCount, labels, targets, targetCount, copy, featureNames, size);
  }

  /**
   * This data set with column names for the features.
   *
   * @throws IllegalArgumentException if the count differs from {@link #featureCount()}
   */
  public DataSet withFeatureNames(List<String> names) {
    List<String> copy = List.copyOf(Objects.requireNonNull(names, "names must not be null"));
    if (copy.size() != featureCount) {
      throw new IllegalArgumentException("names has " + copy.size() + " entries but there are " + featureCount + " features");
    }
    return new DataSet(features, featureCount, labels, targets, targetCount, classNames, copy, size);
  }

  /**
   * The rows at the given indices, in that order (indices may repeat). Names are kept.
   *
   * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())}
   */
  public DataSet rows(int[] indices) {
    Objects.requireNonNull(indices, "indices must not be null");
    double[] f = new double[indices.length * featureCount];
    int[] l = labels == null ? null : new int[indices.length];
    double[] t = targets == null ? null : new double[indices.length * targetCount];
    for (int i = 0; i < indices.length; i++) {
      int r = Objects.checkIndex(indices[i], size);
      System.arraycopy(features, r * featureCount, f, i * featureCount, featureCount);
      if (l != null) {
        l[i] = labels[r];
      } else {
        System.arraycopy(targets, r * targetCount, t, i * targetCount, targetCount);
      }
    }
    return new DataSet(f, featureCount, l, t, targetCount, classNames, featureNames, indices.length);
  }

  /**
   * The same labels or targets with new features ({@code size()} rows of {@code featureCount}
   * values, row-major); used by scalers. The array is copied.
   */
  public DataSet withFeatures(double[] newFeatures, int newFeatureCount) {
    Objects.requireNonNull(newFeatures, "newFeatures must not be null");
    requirePositive("newFeatureCount", newFeatureCount);
    if (newFeatures.length != (long) size * newFeatureCount) {
      throw new IllegalArgumentException("newFeatures has length " + newFeatures.length + " but needs size() x newFeatureCount = "
          + size + " x " + newFeatureCount);
    }
    requireFinite("newFeatures", newFeatures, newFeatureCount);
    List<String> names = newFeatureCount == featureCount ? featureNames : defaultFeatureNames(newFeatureCount);
    return new DataSet(newFeatures.clone(), newFeatureCount, labels, targets, targetCount, classNames, names, size);
  }

  // ---------------------------------------------------------------------------------- queries

  /** Number of samples (rows). */
  public int size() {
    return size;
  }

  /** Number of features per row. */
  public int featureCount() {
    return featureCount;
  }

  /** True if each row has an integer class label, false if it has a target row. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** Number of targets per row; 0 for a labelled data set. */
  public int targetCount() {
    return targetCount;
  }

  /** Number of classes ({@code classNames().size()}); 0 for a data set with target rows. */
  public int classCount() {
    return classNames.size();
  }

  /** Class names, index = class label; empty for a data set with target rows. */
  public List<String> classNames() {
    return classNames;
  }

  /** Feature (column) names; {@code "x0", "x1", ...} unless read from a header or given. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Feature {@code column} of row {@code row}. */
  public double feature(int row, int column) {
    Objects.checkIndex(row, size);
    Objects.checkIndex(column, featureCount);
    return features[row * featureCount + column];
  }

  /**
   * The label of row {@code row}.
   *
   * @throws IllegalStateException if the data set has target rows
   */
  public int label(int row) {
    if (labels == null) {
      throw new IllegalStateException("this data set has target rows, not labels");
    }
    return labels[Objects.checkIndex(row, size)];
  }

  /** Target {@code k} of row {@code row}; for a labelled data set, use {@link #label}. */
  public double target(int row, int k) {
    if (targets == null) {
      throw new IllegalStateException("this data set has labels, not target rows");
    }
    Objects.checkIndex(row, size);
    return targets[row * targetCount + Objects.checkIndex(k, targetCount)];
  }

  /** Copies row {@code row}'s features into {@code destination[offset ..]}; allocates nothing. */
  public void copyFeatures(int row, double[] destination, int offset) {
    System.arraycopy(features, Objects.checkIndex(row, size) * featureCount, destination, offset, featureCount);
  }

  /** Copies row {@code row}'s targets into {@code destination[offset ..]}; allocates nothing. */
  public void copyTargets(int row, double[] destination, int offset) {
    if (targets == null) {
      throw new IllegalStateException("this data set has labels, not target rows");
    }
    System.arraycopy(targets, Objects.checkIndex(row, size) * targetCount, destination, offset, targetCount);
  }

  /** A copy of the features, row-major. */
  public double[] features() {
    return features.clone();
  }

  /** A copy of row {@code row}'s features. */
  public double[] featureRow(int row) {
    double[] out = new double[featureCount];
    copyFeatures(row, out, 0);
    return out;
  }

  /** A copy of the labels; throws {@link IllegalStateException} for a data set with target rows. */
  public int[] labels() {
    if (labels == null) {
      throw new IllegalStateException("this data set has target rows, not labels");
    }
    return labels.clone();
  }

  /** A copy of the targets, row-major; throws {@link IllegalStateException} for labels. */
  public double[] targets() {
    if (targets == null) {
      throw new IllegalStateException("this data set has labels, not target rows");
    }
    return targets.clone();
  }

  /** Number of rows of each class, index = class; empty for target rows. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    if (labels != null) {
      for (int label : labels) {
        counts[label]++;
      }
    }
    return counts;
  }

  @Override
  public String toString() {
    return "DataSet[" + size + " rows, " + featureCount + " features, "
        + (hasLabels() ? classCount() + " classes " + classNames : targetCount + " targets") + "]";
  }

  // ---------------------------------------------------------------------------------- helpers

  static List<String> defaultClassNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      names.add(Integer.toString(k));
    }
    return List.copyOf(names);
  }

  static List<String> defaultFeatureNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      names.add("x" + k);
    }
    return List.copyOf(names);
  }

  static DataSet trusted(double[] features, int featureCount, int[] labels, double[] targets, int targetCount,
      List<String> classNames, List<String> featureNames) {
    int size = features.length / featureCount;
    return new DataSet(features, featureCount, labels, targets, targetCount,
        labels == null ? List.of() : List.copyOf(classNames), List.copyOf(featureNames), size);
  }

  private static void requireDistinct(String what, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isBlank()) {
        throw new IllegalArgumentException(what + "[" + i + "] is blank; give every class a name");
      }
      int first = names.indexOf(names.get(i));
      if (first != i) {
        throw new IllegalArgumentException(what + "[" + first + "] and " + what + "[" + i + "] are both '" + names.get(i)
            + "'; names must be distinct");
      }
    }
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }

  private static void requireFinite(String name, double[] values, int perRow) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + " row " + i / perRow + ", column " + i % perRow + " is " + values[i]
            + "; replace missing or infinite values before making a data set");
      }
    }
  }

  private static int requireRectangular(String name, double[][] rows) {
    Objects.requireNonNull(rows, name + " must not be null");
    if (rows.length == 0) {
      throw new IllegalArgumentException(name + " has no rows; the row length cannot be known (use the row-major form)");
    }
    int width = Objects.requireNonNull(rows[0], name + "[0] must not be null").length;
    for (int i = 1; i < rows.length; i++) {
      Objects.requireNonNull(rows[i], name + "[" + i + "] must not be null");
      if (rows[i].length != width) {
        throw new IllegalArgumentException(name + "[" + i + "] has " + rows[i].length + " values but " + name + "[0] has " + width
            + "; every row must have the same length");
      }
    }
    return width;
  }

  private static double[] flatten(double[][] rows, int width) {
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }

  /** Equal features, labels or targets, and names. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DataSet d && d.featureCount == featureCount && d.targetCount == targetCount
        && Arrays.equals(d.features, features) && Arrays.equals(d.labels, labels) && Arrays.equals(d.targets, targets)
        && d.classNames.equals(classNames) && d.featureNames.equals(featureNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(features), Arrays.hashCode(labels), Arrays.hashCode(targets), classNames);
  }
}
