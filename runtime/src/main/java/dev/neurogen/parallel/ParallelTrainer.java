package dev.neurogen.parallel;

import dev.neurogen.ArgumentChecks;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.optim.OptimizerState;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains a generated network on several cores: each mini-batch is cut into parts ({@link
 * BatchPartition}), the parts' gradients are computed at the same time, each on its own instance
 * (part 0 on the network itself, part k on a replica that shares the network's parameter arrays
 * but has its own scratch and gradient accumulators), then added into the network's accumulators
 * in part order, element by element, by all threads at once (each thread a fixed range of the
 * parameters); finally the calling thread applies the update exactly as the network's own {@code
 * trainStep} does, divergence guard included.
 *
 * <p><b>Bit-identical for any number of threads.</b> Which samples form a part depends only on
 * the batch size and the network, and the parts are added in the same order whichever thread
 * computed them, so 1, 2, 3 or 4 threads give the same parameters bit for bit. With more than one
 * part the sums are grouped differently from the single-threaded {@code trainStep}, which agrees
 * to rounding (about 1e-15 relative per step); with one part the step is exactly {@code
 * trainStep}.
 *
 * <p><b>Threads.</b> {@code threads} counts the calling thread, which computes parts too: {@code
 * create(net, 2)} starts one worker thread. Workers are daemon platform threads owned by the
 * trainer; {@link #close()} stops them (use try-with-resources). Between steps a worker spins
 * briefly, then parks. A trainer is used by one thread at a time, and the network must not be
 * trained or changed by other means while a step runs.
 *
 * <p><b>No allocation per step.</b> A step allocates nothing on the calling thread or on the
 * workers (asserted by the tests): parts are handed over through fields read after an
 * allocation-free barrier, not as tasks or futures. Replicas are allocated the first time a batch
 * needs them.
 *
 * <p><b>Errors.</b> Arguments are checked on the calling thread before anything is computed, as
 * {@code trainStep} checks them. If a part fails on any thread, the step changes nothing, every
 * gradient accumulator is cleared and a {@link ParallelTrainingException} names the part, its
 * samples and the thread, with the failure as its cause. A diverging step throws {@link
 * dev.neurogen.TrainingDivergedException} and leaves the parameters unchanged, as {@code
 * trainStep} does.
 */
public final class ParallelTrainer implements AutoCloseable {
  /** The most threads a trainer may use. */
  public static final int MAX_THREADS = 64;

  private static final AtomicInteger TRAINERS = new AtomicInteger();
  private static final long JOIN_MILLIS = 10_000;

  private final DataParallel network;
  private final int parameterCount;
  private final BatchPartition partition;
  private final int threads;
  /** [0] the network, [k] the replica computing part k, allocated when first needed. */
  private final DataParallel[] instances;
  private final double[][][] gradients;
  private final Thread[] workers;
  private final SpinBarrier barrier;
  /** Thread t adds up the gradient segments [reduceFrom[t], reduceFrom[t + 1]). */
  private final int[] reduceFrom;
  private final double[] partLoss;
  private final Throwable[] partFailure;
  private final String name;

  // the current step, written by the calling thread before the barrier that starts the workers
  private double[] stepInputs;
  private double[] stepTargets;
  private int[] stepLabels;
  private int stepSize;
  private int stepParts;
  private boolean stopping;
  private boolean closed;

  private ParallelTrainer(Builder builder) {
    this.network = (DataParallel) builder.network;
    this.parameterCount = builder.network.parameterCount();
    this.partition = builder.partition;
    this.threads = builder.threads;
    this.name = "neurogen-parallel-" + TRAINERS.incrementAndGet();
    int maxParts = partition.maxParts();
    this.instances = new DataParallel[maxParts];
    this.gradients = new double[maxParts][][];
    instances[0] = network;
    gradients[0] = network.gradientSegments();
    this.partLoss = new double[maxParts];
    this.partFailure = new Throwable[maxParts];
    this.reduceFrom = slices(gradients[0], threads);
    this.barrier = new SpinBarrier(threads);
    this.workers = new Thread[threads - 1];
    for (int t = 1; t < threads; t++) {
      int party = t;
      Thread worker = new Thread(() -> work(party), name + "-worker-" + t);
      worker.setDaemon(true);
      barrier.register(t, worker);
      workers[t - 1] = worker;
    }
    for (Thread worker : workers) {
      worker.start();
    }
  }

  /**
   * A trainer of {@code network} on {@code threads} threads (the calling thread and {@code threads
   * - 1} workers) with {@link BatchPartition#DEFAULT}.
   *
   * @throws IllegalArgumentException if the network is not a generated one, or threads is not in
   *     [1, {@value #MAX_THREADS}]
   */
  public static ParallelTrainer create(NeuralNetwork network, int threads) {
    return builder(network).threads(threads).build();
  }

  /** A builder for {@code network}; defaults: {@link #recommendedThreads} for batches of 32, {@link BatchPartition#DEFAULT}. */
  public static Builder builder(NeuralNetwork network) {
    return new Builder(network);
  }

  /**
   * The threads that pay for batches of {@code batchSize} on this machine: the parts such a batch
   * has under {@code partition}, at most the available processors. 1 where a part would be too
   * small to hand to another thread (small networks, small batches).
   */
  public static int recommendedThreads(NeuralNetwork network, int batchSize, BatchPartition partition) {
    Objects.requireNonNull(network, "network must not be null");
    Objects.requireNonNull(partition, "partition must not be null");
    int parts = partition.parts(batchSize, network.parameterCount());
    return Math.max(1, Math.min(parts, Runtime.getRuntime().availableProcessors()));
  }

  /** The number of threads, the calling thread included. */
  public int threads() {
    return threads;
  }

  /** How batches are cut into parts. */
  public BatchPartition partition() {
    return partition;
  }

  /** The number of parts of a batch of {@code batchSize}. */
  public int parts(int batchSize) {
    return partition.parts(batchSize, parameterCount);
  }

  /**
   * One plain SGD step on a batch with class labels, as {@code Classifier.trainStep(inputs,
   * labels, batchSize, learningRate)}.
   *
   * @return the batch's mean loss before the update
   */
  public double trainStep(double[] inputs, int[] labels, int batchSize, double learningRate) {
    ArgumentChecks.requireLearningRate(learningRate);
    double loss = gradient(inputs, null, Objects.requireNonNull(labels, "labels must not be null"), batchSize);
    network.applyAccumulatedGradient(loss, batchSize, learningRate);
    return loss;
  }

  /** One step of {@code optimizer} on a batch with class labels, as {@code Classifier.trainStep}. */
  public double trainStep(double[] inputs, int[] labels, int batchSize, OptimizerState optimizer) {
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    double loss = gradient(inputs, null, Objects.requireNonNull(labels, "labels must not be null"), batchSize);
    network.applyAccumulatedGradient(loss, batchSize, optimizer);
    return loss;
  }

  /** One plain SGD step on a batch with target rows, as {@code TargetTrainable.trainStep}. */
  public double trainStep(double[] inputs, double[] targets, int batchSize, double learningRate) {
    ArgumentChecks.requireLearningRate(learningRate);
    double loss = gradient(inputs, Objects.requireNonNull(targets, "targets must not be null"), null, batchSize);
    network.applyAccumulatedGradient(loss, batchSize, learningRate);
    return loss;
  }

  /** One step of {@code optimizer} on a batch with target rows, as {@code TargetTrainable.trainStep}. */
  public double trainStep(double[] inputs, double[] targets, int batchSize, OptimizerState optimizer) {
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    double loss = gradient(inputs, Objects.requireNonNull(targets, "targets must not be null"), null, batchSize);
    network.applyAccumulatedGradient(loss, batchSize, optimizer);
    return loss;
  }

  /**
   * Accumulates the batch's gradient into the network's accumulators and returns the mean loss;
   * on failure clears every accumulator and throws.
   */
  private double gradient(double[] inputs, double[] targets, int[] labels, int batchSize) {
    if (closed) {
      throw new IllegalStateException("this ParallelTrainer is closed; create a new one");
    }
    network.checkTrainingBatch(inputs, targets, labels, batchSize);
    int parts = partition.parts(batchSize, parameterCount);
    for (int k = 1; k < parts; k++) {
      if (instances[k] == null) {
        instances[k] = network.newReplica();
        gradients[k] = instances[k].gradientSegments();
      }
    }
    stepInputs = inputs;
    stepTargets = targets;
    stepLabels = labels;
    stepSize = batchSize;
    stepParts = parts;
    if (parts == 1 || threads == 1) {
      for (int k = 0; k < parts; k++) {
        computePart(k);
      }
      if (failed(parts)) {
        throw failure(parts);
      }
      reduce(0, gradients[0].length, parts);
    } else {
      barrier.register(0, Thread.currentThread());
      barrier.await(0);                        // start the workers
      computeParts(0);
      barrier.await(0);                        // every part computed
      boolean failed = failed(parts);
      if (!failed) {
        reduce(reduceFrom[0], reduceFrom[1], parts);
      }
      barrier.await(0);                        // every slice added up
      if (failed) {
        throw failure(parts);
      }
    }
    stepInputs = null;
    stepTargets = null;
    stepLabels = null;
    double sum = 0.0;
    for (int k = 0; k < parts; k++) {
      sum += partLoss[k];
    }
    return sum / batchSize;
  }

  /** A worker's loop: one step per round of three barriers, until {@link #close()}. */
  private void work(int party) {
    while (true) {
      barrier.await(party);
      if (stopping) {
        return;
      }
      computeParts(party);
      barrier.await(party);
      int parts = stepParts;
      if (!failed(parts)) {
        reduce(reduceFrom[party], reduceFrom[party + 1], parts);
      }
      barrier.await(party);
    }
  }

  /** Parts party, party + threads, ...: which thread computes a part does not change the result. */
  private void computeParts(int party) {
    for (int k = party; k < stepParts; k += threads) {
      computePart(k);
    }
  }

  private void computePart(int k) {
    int from = BatchPartition.start(k, stepParts, stepSize);
    int to = BatchPartition.start(k + 1, stepParts, stepSize);
    try {
      partLoss[k] = instances[k].accumulateSamples(stepInputs, stepTargets, stepLabels, from, to);
      partFailure[k] = null;
    } catch (Throwable e) {
      partFailure[k] = e;
    }
  }

  private boolean failed(int parts) {
    for (int k = 0; k < parts; k++) {
      if (partFailure[k] != null) {
        return true;
      }
    }
    return false;
  }

  /** Clears every accumulator and describes the first failed part; later failures are suppressed. */
  private ParallelTrainingException failure(int parts) {
    for (int k = 0; k < parts; k++) {
      for (double[] g : gradients[k]) {
        Arrays.fill(g, 0.0);
      }
    }
    stepInputs = null;
    stepTargets = null;
    stepLabels = null;
    ParallelTrainingException thrown = null;
    for (int k = 0; k < parts; k++) {
      Throwable cause = partFailure[k];
      partFailure[k] = null;
      if (cause == null) {
        continue;
      }
      if (thrown != null) {
        thrown.addSuppressed(cause);
        continue;
      }
      int party = threads == 1 ? 0 : k % threads;
      String thread = party == 0 ? "the calling thread" : "worker thread " + workers[party - 1].getName();
      thrown = new ParallelTrainingException("part " + (k + 1) + " of " + parts + " (samples "
          + BatchPartition.start(k, parts, stepSize) + " to " + (BatchPartition.start(k + 1, parts, stepSize) - 1)
          + " of the batch of " + stepSize + ") failed on " + thread + ": " + cause
          + "; the step changed nothing and the gradients were cleared", cause);
    }
    return thrown;
  }

  /**
   * Adds the replicas' gradients of segments [from, to) into the network's, part 1 first, and
   * zeroes them: each element is ((g0 + g1) + g2) + ..., whichever thread does it.
   */
  private void reduce(int from, int to, int parts) {
    double[][] total = gradients[0];
    for (int s = from; s < to; s++) {
      double[] g = total[s];
      for (int k = 1; k < parts; k++) {
        double[] a = gradients[k][s];
        for (int i = 0; i < g.length; i++) {
          g[i] += a[i];
          a[i] = 0.0;
        }
      }
    }
  }

  /** Cuts the segments into {@code threads} consecutive ranges of about equal element counts. */
  private static int[] slices(double[][] segments, int threads) {
    long total = 0;
    for (double[] segment : segments) {
      total += segment.length;
    }
    int[] from = new int[threads + 1];
    long seen = 0;
    int t = 1;
    for (int s = 0; s < segments.length && t < threads; s++) {
      seen += segments[s].length;
      while (t < threads && seen * threads >= total * t) {
        from[t++] = s + 1;
      }
    }
    while (t <= threads) {
      from[t++] = segments.length;
    }
    return from;
  }

  /** Stops and joins the worker threads; idempotent. Steps after this throw {@link IllegalStateException}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (workers.length == 0) {
      return;
    }
    stopping = true;
    barrier.register(0, Thread.currentThread());
    barrier.await(0);
    boolean interrupted = false;
    for (Thread worker : workers) {
      try {
        worker.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ParallelTrainer[" + name + ", threads=" + threads + ", " + partition + (closed ? ", closed" : "") + "]";
  }

  /** Builder of {@link ParallelTrainer}; setters return {@code this}. */
  public static final class Builder {
    private final NeuralNetwork network;
    private BatchPartition partition = BatchPartition.DEFAULT;
    private int threads;
    private boolean threadsGiven;

    private Builder(NeuralNetwork network) {
      Objects.requireNonNull(network, "network must not be null");
      if (!(network instanceof DataParallel)) {
        throw new IllegalArgumentException("network " + network.getClass().getName() + " does not implement "
            + DataParallel.class.getName() + ": only networks generated by neurogen (that train) can be trained"
            + " on several threads; train this one with its own trainStep");
      }
      this.network = network;
    }

    /**
     * Threads, the calling thread included: 1 to {@value ParallelTrainer#MAX_THREADS} (default:
     * {@link ParallelTrainer#recommendedThreads} for batches of 32 under the partition).
     */
    public Builder threads(int threads) {
      this.threads = threads;
      this.threadsGiven = true;
      return this;
    }

    /** How batches are cut into parts (default {@link BatchPartition#DEFAULT}). */
    public Builder partition(BatchPartition partition) {
      this.partition = partition;
      return this;
    }

    /** The trainer, with its worker threads started. */
    public ParallelTrainer build() {
      Objects.requireNonNull(partition, "partition must not be null; the default is BatchPartition.DEFAULT");
      if (!threadsGiven) {
        threads = recommendedThreads(network, 32, partition);
      }
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS + "], got " + threads
            + "; Runtime.getRuntime().availableProcessors() is " + Runtime.getRuntime().availableProcessors());
      }
      return new ParallelTrainer(this);
    }
  }
}
