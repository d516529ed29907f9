package dev.neurogen.spark;

import java.util.SplittableRandom;

/**
 * How {@link NetworkClassifier} cuts an epoch into mini-batches, public so that single-machine
 * code can train on exactly the same batches.
 *
 * <p>An epoch over N training rows with batch size B has {@code S = ceil(N / B)} steps. Each
 * partition p with n_p rows shuffles its rows once per epoch with {@link #permutation} and, at step
 * t, contributes its rows {@code permutation[start(t, n_p, S) .. start(t + 1, n_p, S))}: every
 * partition gives its proportional share of every global mini-batch, and every row is used once
 * per epoch. With one partition this is plain shuffled mini-batch training.
 */
public final class MiniBatches {

  private MiniBatches() {}

  /**
   * Steps per epoch: {@code ceil(rows / batchSize)}, at least 1.
   *
   * @throws IllegalArgumentException if rows is negative or batchSize below 1
   */
  public static int stepsPerEpoch(long rows, int batchSize) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows is " + rows + "; it must be >= 0");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize is " + batchSize + "; it must be >= 1");
    }
    long steps = Math.max(1, (rows + batchSize - 1) / batchSize);
    if (steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "rows / batchSize is " + steps + " steps per epoch; use a larger batchSize");
    }
    return (int) steps;
  }

  /** First position (in the partition's permutation) of step {@code step}'s rows. */
  public static int start(int step, int partitionRows, int steps) {
    return (int) ((long) step * partitionRows / steps);
  }

  /**
   * The order in which partition {@code partition} visits its {@code rows} rows in epoch {@code
   * epoch}: a Fisher-Yates shuffle of 0..rows-1 driven by {@code SplittableRandom} seeded from
   * (seed, epoch, partition).
   */
  public static int[] permutation(long seed, int epoch, int partition, int rows) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(mix(seed, epoch, partition));
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** A seed for (seed, a, b), decorrelated with the SplitMix64 finaliser. */
  static long mix(long seed, long a, long b) {
    long z = seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
