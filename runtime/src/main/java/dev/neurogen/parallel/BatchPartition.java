package dev.neurogen.parallel;

/**
 * How {@link ParallelTrainer} cuts a mini-batch into parts whose gradients are computed
 * separately (each by one network instance, on whichever thread) and then added in part order.
 * The cut depends only on the batch size and the network's parameter count, never on the number
 * of threads: so the parameters after a step are bit for bit the same with 1, 2, 3 or 4 threads.
 *
 * <p>A batch of {@code n} samples of a network with {@code P} parameters has
 * {@code max(1, min(maxParts, n / minPartSamples, n * P / minPartWork))} parts (integer
 * division); part {@code k} of {@code m} holds samples {@code k * n / m} to {@code (k + 1) * n / m
 * - 1}. A part below {@code minPartWork} (samples times parameters) costs more to hand to another
 * thread and to add back than it saves; with one part, the step is exactly the single-threaded
 * {@code trainStep}.
 *
 * @param maxParts the most parts, at least 1: also the number of network instances the trainer
 *     keeps (the network and {@code maxParts - 1} replicas), so the most threads that can be busy
 * @param minPartSamples the fewest samples per part, at least 1
 * @param minPartWork the least samples times parameters per part, at least 1
 */
public record BatchPartition(int maxParts, int minPartSamples, long minPartWork) {
  /** Default {@code maxParts}: enough for 4 cores. */
  public static final int DEFAULT_MAX_PARTS = 4;
  /**
   * Default {@code minPartSamples}: the block kernels share each loaded weight between the samples
   * of a block, which pays less below about 16 samples.
   */
  public static final int DEFAULT_MIN_PART_SAMPLES = 16;
  /**
   * Default {@code minPartWork}: 1,000,000 samples times parameters, about 0.3 ms of training
   * arithmetic; below that, handing a part to another thread did not pay in the benchmarks
   * ({@code BENCHMARKS.md}, "Training on all cores").
   */
  public static final long DEFAULT_MIN_PART_WORK = 1_000_000L;
  /** The defaults. */
  public static final BatchPartition DEFAULT =
      new BatchPartition(DEFAULT_MAX_PARTS, DEFAULT_MIN_PART_SAMPLES, DEFAULT_MIN_PART_WORK);

  /** Checks the values. */
  public BatchPartition {
    if (maxParts < 1 || maxParts > ParallelTrainer.MAX_THREADS) {
      throw new IllegalArgumentException(
          "maxParts must be in [1, " + ParallelTrainer.MAX_THREADS + "], got " + maxParts);
    }
    if (minPartSamples < 1) {
      throw new IllegalArgumentException("minPartSamples must be at least 1, got " + minPartSamples);
    }
    if (minPartWork < 1) {
      throw new IllegalArgumentException("minPartWork must be at least 1, got " + minPartWork);
    }
  }

  /** The number of parts of a batch of {@code batchSize} samples of a network with {@code parameterCount} parameters. */
  public int parts(int batchSize, int parameterCount) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    long byWork = (long) batchSize * parameterCount / minPartWork;
    long parts = Math.min(Math.min(maxParts, batchSize / minPartSamples), byWork);
    return (int) Math.max(1, parts);
  }

  /** The first sample of part {@code part} of {@code parts} (for {@code part == parts}: the batch size). */
  public static int start(int part, int parts, int batchSize) {
    return (int) ((long) part * batchSize / parts);
  }
}
