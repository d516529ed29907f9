package dev.neurogen.toolkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A data set cut into training, validation and test parts by a seeded random permutation, never
 * by position (a file sorted by class would otherwise put one class in the test part).
 *
 * <p>With labels the split is <b>stratified</b>: each class is shuffled and cut separately, so each
 * part keeps the class proportions (class {@code c} with {@code n_c} rows gives {@code
 * round(n_c * train)} training rows, {@code round(n_c * validation)} validation rows, the rest to
 * test). The same data, fractions and seed always give the same parts.
 *
 * @param train the training part
 * @param validation the validation part (may be empty)
 * @param test the test part (may be empty)
 * @param seed the seed that made the permutation
 */
public record Split(DataSet train, DataSet validation, DataSet test, long seed) {

  /** Checks the parts are present. */
  public Split {
    Objects.requireNonNull(train, "train must not be null");
    Objects.requireNonNull(validation, "validation must not be null");
    Objects.requireNonNull(test, "test must not be null");
  }

  /**
   * Splits {@code data} into fractions that add up to 1.
   *
   * @throws IllegalArgumentException if a fraction is negative or not finite, they do not add up
   *     to 1 (within 1e-9), or the training part would be empty
   */
  public static Split of(DataSet data, double train, double validation, double test, long seed) {
    Objects.requireNonNull(data, "data must not be null");
    for (double f : new double[] {train, validation, test}) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("fractions must be in [0, 1], got train " + train + ", validation " + validation
            + ", test " + test);
      }
    }
    if (Math.abs(train + validation + test - 1) > 1e-9) {
      throw new IllegalArgumentException("train + validation + test must be 1, got " + train + " + " + validation + " + " + test
          + " = " + (train + validation + test));
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> groups = new ArrayList<>();
    if (data.hasLabels()) {
      int[] counts = data.classCounts();
      int[][] members = new int[counts.length][];
      int[] fill = new int[counts.length];
      for (int c = 0; c < counts.length; c++) {
        members[c] = new int[counts[c]];
      }
      for (int r = 0; r < data.size(); r++) {
        int c = data.label(r);
        members[c][fill[c]++] = r;
      }
      groups.addAll(List.of(members));
    } else {
      int[] all = new int[data.size()];
      for (int r = 0; r < all.length; r++) {
        all[r] = r;
      }
      groups.add(all);
    }
    IntList trainRows = new IntList();
    IntList validationRows = new IntList();
    IntList testRows = new IntList();
    for (int[] group : groups) {
      shuffle(group, random);
      int nTrain = (int) Math.round(group.length * train);
      int nValidation = Math.min(group.length - nTrain, (int) Math.round(group.length * validation));
      if (test == 0) {
        nValidation = group.length - nTrain;
      }
      for (int i = 0; i < group.length; i++) {
        (i < nTrain ? trainRows : i < nTrain + nValidation ? validationRows : testRows).add(group[i]);
      }
    }
    if (trainRows.size == 0) {
      throw new IllegalArgumentException("the training part would be empty (" + data.size() + " rows, train fraction "
          + train + "); use more data or a larger train fraction");
    }
    // shuffle each part once more so classes are interleaved, not in blocks
    return new Split(data.rows(shuffled(trainRows, random)), data.rows(shuffled(validationRows, random)),
        data.rows(shuffled(testRows, random)), seed);
  }

  /** Fisher-Yates shuffle with the given generator. */
  static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private static int[] shuffled(IntList list, SplittableRandom random) {
    int[] values = java.util.Arrays.copyOf(list.values, list.size);
    shuffle(values, random);
    return values;
  }

  private static final class IntList {
    int[] values = new int[16];
    int size;

    void add(int value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }
}
