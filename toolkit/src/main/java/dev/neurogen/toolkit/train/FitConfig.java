package dev.neurogen.toolkit.train;

import dev.neurogen.optim.Adam;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.parallel.ParallelTrainer;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Trainer#fit} trains: immutable, made with {@link #builder()}, checked in {@link
 * Builder#build()}; each default is a constant declared once below. Every setting is a plain value
 * (numbers, records, enums), so the configuration can be built from any key-value source.
 *
 * @param epochs maximum number of passes over the training data, at least 1
 * @param batchSize samples per mini-batch, at least 1 (the last batch of an epoch may be smaller)
 * @param seed seed of the per-epoch shuffling ({@code SplittableRandom})
 * @param shuffle whether to shuffle the training rows every epoch (an index permutation)
 * @param optimizer the optimizer and its learning-rate schedule (a fresh state per fit)
 * @param earlyStopping the early-stopping rule, or null for none
 * @param threshold decision threshold of a single sigmoid output, for validation accuracy
 * @param threads threads that train each mini-batch (the calling thread included), or {@link
 *     #AUTOMATIC_THREADS} to choose by the network's size and the batch size (a float network
 *     trains on the calling thread: 0 or 1, see {@link Trainer})
 * @param trainingAccuracyRows how many training rows the per-epoch training accuracy ({@link
 *     Metric#ACCURACY}) is measured on: all of them if the training data has at most this many
 *     rows, else a fixed, seeded sample of this many; 0 turns the metric off
 */
public record FitConfig(int epochs, int batchSize, long seed, boolean shuffle, Optimizer optimizer,
    EarlyStopping earlyStopping, double threshold, int threads, int trainingAccuracyRows) {

  /** Default maximum number of epochs. */
  public static final int DEFAULT_EPOCHS = 10;
  /** Default mini-batch size (as Keras). */
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Default shuffling seed. */
  public static final long DEFAULT_SEED = 0L;
  /** Rows are shuffled every epoch by default. */
  public static final boolean DEFAULT_SHUFFLE = true;
  /** Default decision threshold of a single sigmoid output. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** Default optimizer: Adam with PyTorch's defaults (learning rate 1e-3). */
  public static final Optimizer DEFAULT_OPTIMIZER = Adam.builder().build();
  /**
   * {@code threads(0)}, the default: as many threads as pay for this network and batch size, at
   * most the available processors ({@code ParallelTrainer.recommendedThreads}): 1 for small
   * networks and batches (e.g. 64-32-10 at any batch up to 400), 2 or more for large ones (e.g.
   * 784-128-64-10 from batch 32). The parameters do not depend on the choice.
   */
  public static final int AUTOMATIC_THREADS = 0;
  /**
   * Default number of training rows the per-epoch training accuracy is measured on: every row of
   * a training set up to this size, a fixed seeded sample of this many beyond it (about a sixth of
   * an epoch's forward passes on 60,000 rows).
   */
  public static final int DEFAULT_TRAINING_ACCURACY_ROWS = 10_000;

  /** Checks the values; prefer {@link #builder()}. */
  public FitConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }
    Objects.requireNonNull(optimizer, "optimizer must not be null; the default is Adam with learning rate 1e-3");
    if (threads < 0 || threads > ParallelTrainer.MAX_THREADS) {
      throw new IllegalArgumentException("threads must be in [1, " + ParallelTrainer.MAX_THREADS + "], or "
          + AUTOMATIC_THREADS + " to choose automatically, got " + threads);
    }
    if (trainingAccuracyRows < 0) {
      throw new IllegalArgumentException("trainingAccuracyRows must be at least 0 (0 turns the training accuracy off), got "
          + trainingAccuracyRows);
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The early-stopping rule, if any. */
  public Optional<EarlyStopping> earlyStoppingRule() {
    return Optional.ofNullable(earlyStopping);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder().epochs(epochs).batchSize(batchSize).seed(seed).shuffle(shuffle).optimizer(optimizer)
        .earlyStopping(earlyStopping).threshold(threshold).threads(threads)
        .trainingAccuracyRows(trainingAccuracyRows);
  }

  /** Builder of {@link FitConfig}; setters return {@code this}. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long seed = DEFAULT_SEED;
    private boolean shuffle = DEFAULT_SHUFFLE;
    private Optimizer optimizer = DEFAULT_OPTIMIZER;
    private EarlyStopping earlyStopping;
    private double threshold = DEFAULT_THRESHOLD;
    private int threads = AUTOMATIC_THREADS;
    private int trainingAccuracyRows = DEFAULT_TRAINING_ACCURACY_ROWS;

    private Builder() {}

    /** Maximum number of epochs (default {@value FitConfig#DEFAULT_EPOCHS}). */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Samples per mini-batch (default {@value FitConfig#DEFAULT_BATCH_SIZE}). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Seed of the per-epoch shuffling (default {@value FitConfig#DEFAULT_SEED}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether to shuffle every epoch (default true). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** The optimizer (default Adam, learning rate 1e-3), e.g. {@code Adam.of(0.01)} or {@code Sgd.builder()...build()}. */
    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /** Early stopping (default none); null removes it. */
    public Builder earlyStopping(EarlyStopping earlyStopping) {
      this.earlyStopping = earlyStopping;
      return this;
    }

    /** Decision threshold of a single sigmoid output (default {@value FitConfig#DEFAULT_THRESHOLD}). */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * Threads that train each mini-batch, the calling thread included (default {@value
     * FitConfig#AUTOMATIC_THREADS}: automatic). Each batch is cut into parts by {@code
     * dev.neurogen.parallel.BatchPartition.DEFAULT}, which depends on the batch size and the
     * network only, and the parts' gradients are added in a fixed order: the trained parameters
     * are bit for bit the same for any number of threads. More threads than a batch has parts
     * stay idle.
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * How many training rows the per-epoch training accuracy ({@code "accuracy"}) of a classifier
     * is measured on, after each epoch with that epoch's final parameters (default {@value
     * FitConfig#DEFAULT_TRAINING_ACCURACY_ROWS}): all rows if there are at most this many, else a fixed
     * sample of this many drawn once per fit from {@link #seed}; 0 turns it off.
     */
    public Builder trainingAccuracyRows(int trainingAccuracyRows) {
      this.trainingAccuracyRows = trainingAccuracyRows;
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming a bad setting. */
    public FitConfig build() {
      return new FitConfig(epochs, batchSize, seed, shuffle, optimizer, earlyStopping, threshold, threads,
          trainingAccuracyRows);
    }
  }

  @Override
  public String toString() {
    return "FitConfig[epochs=" + epochs + ", batchSize=" + batchSize + ", seed=" + seed + ", shuffle=" + shuffle
        + ", optimizer=" + optimizer + ", earlyStopping=" + earlyStopping + ", threshold=" + threshold
        + ", threads=" + (threads == AUTOMATIC_THREADS ? "automatic" : Integer.toString(threads))
        + ", trainingAccuracyRows=" + trainingAccuracyRows + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FitConfig c && c.epochs == epochs && c.batchSize == batchSize && c.seed == seed
        && c.shuffle == shuffle && c.optimizer.equals(optimizer) && Objects.equals(c.earlyStopping, earlyStopping)
        && Double.compare(c.threshold, threshold) == 0 && c.threads == threads
        && c.trainingAccuracyRows == trainingAccuracyRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochs, batchSize, seed, shuffle, optimizer, earlyStopping, threshold, threads,
        trainingAccuracyRows);
  }
}
