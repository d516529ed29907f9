package dev.neurogen.toolkit.eval;

import java.util.List;
import java.util.Objects;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} samples of class {@code t}
 * were predicted as {@code p}. Sized from the number of classes of the model, not from the labels
 * that happen to occur. {@link #toString()} prints an aligned table headed "rows = truth, columns
 * = predicted" with the class names. Immutable.
 */
public final class ConfusionMatrix {
  private final int[][] counts;
  private final List<String> classNames;

  private ConfusionMatrix(int[][] counts, List<String> classNames) {
    this.counts = counts;
    this.classNames = classNames;
  }

  /**
   * Counts the pairs {@code (truth[i], predicted[i])}.
   *
   * @throws IllegalArgumentException if the lengths differ or a class is outside {@code [0,
   *     classNames.size())}
   */
  public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
    Objects.requireNonNull(truth, "truth must not be null");
    Objects.requireNonNull(predicted, "predicted must not be null");
    List<String> names = List.copyOf(classNames);
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length + " entries but predicted has " + predicted.length);
    }
    int k = names.size();
    int[][] counts = new int[k][k];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("sample " + i + ": truth " + truth[i] + ", predicted " + predicted[i]
            + " is outside the " + k + " classes " + names);
      }
      counts[truth[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts, names);
  }

  /** Number of classes. */
  public int classCount() {
    return counts.length;
  }

  /** Class names, index = class. */
  public List<String> classNames() {
    return classNames;
  }

  /** Samples of class {@code truth} predicted as {@code predicted}. */
  public int count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** A copy of the counts, {@code [truth][predicted]}. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Total number of samples. */
  public int total() {
    int n = 0;
    for (int[] row : counts) {
      for (int c : row) {
        n += c;
      }
    }
    return n;
  }

  /** Samples whose true class is {@code k}. */
  public int truthCount(int k) {
    int n = 0;
    for (int c : counts[k]) {
      n += c;
    }
    return n;
  }

  /** Samples predicted as class {@code k}. */
  public int predictedCount(int k) {
    int n = 0;
    for (int[] row : counts) {
      n += row[k];
    }
    return n;
  }

  /** The aligned table: a title line, a header of predicted class names, one row per true class. */
  @Override
  public String toString() {
    int nameWidth = "truth".length();
    int cellWidth = 1;
    for (int k = 0; k < counts.length; k++) {
      nameWidth = Math.max(nameWidth, classNames.get(k).length());
      cellWidth = Math.max(cellWidth, classNames.get(k).length());
      for (int c : counts[k]) {
        cellWidth = Math.max(cellWidth, Integer.toString(c).length());
      }
    }
    StringBuilder out = new StringBuilder("Confusion matrix (rows = truth, columns = predicted)\n");
    out.append(pad("", nameWidth));
    for (String name : classNames) {
      out.append("  ").append(pad(name, cellWidth));
    }
    out.append('\n');
    for (int t = 0; t < counts.length; t++) {
      out.append(padRight(classNames.get(t), nameWidth));
      for (int p = 0; p < counts.length; p++) {
        out.append("  ").append(pad(Integer.toString(counts[t][p]), cellWidth));
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String pad(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }

  static String padRight(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
