package dev.neurogen.parallel;

import dev.neurogen.ArgumentChecks;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TrainingDivergedException;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.ParallelUpdate;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains a generated network on several cores: each mini-batch is cut into parts ({@link
 * BatchPartition}), the parts' gradients are computed at the same time, each on its own instance
 * (part 0 on the network itself, part k on a replica that shares the network's parameter arrays
 * but has its own scratch and gradient accumulators); then all threads update the parameters at
 * once, each a fixed slice of them ({@link ParallelUpdate}): for each element the parts' gradients
 * are added in part order, {@code ((g0 + g1) + g2) + ...}, and the rule of the network's own
 * {@code trainStep} (plain SGD or the {@link OptimizerState}'s optimizer) applied, with no separate
 * pass to add the gradients up. When every slice is done, the calling thread alone decides: keep
 * the step, or (if any new parameter or moment is not finite) restore every parameter, as {@code
 * trainStep}'s divergence guard does.
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
  /** The update, one slice per thread, with the reduction of the parts' gradients fused in. */
  private final ParallelUpdate update;
  private final double[] partLoss;
  private final Throwable[] partFailure;
  private final String name;

  // the current step, written by the calling thread before the barrier that starts the workers
  private double[] stepInputs;
  private double[] stepTargets;
  private int[] stepLabels;
  private int stepSize;
  private int stepParts;
  /** Whether the step's update runs: no part failed and the loss is finite (every thread decides alike). */
  private boolean stepUpdates;
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
    this.update = new ParallelUpdate(network.parameterSegments(), gradients, network.parameterStorage(), threads);
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
    return step(inputs, null, Objects.requireNonNull(labels, "labels must not be null"), batchSize, learningRate,
        null);
  }

  /** One step of {@code optimizer} on a batch with class labels, as {@code Classifier.trainStep}. */
  public double trainStep(double[] inputs, int[] labels, int batchSize, OptimizerState optimizer) {
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    return step(inputs, null, Objects.requireNonNull(labels, "labels must not be null"), batchSize, 0.0, optimizer);
  }

  /** One plain SGD step on a batch with target rows, as {@code TargetTrainable.trainStep}. */
  public double trainStep(double[] inputs, double[] targets, int batchSize, double learningRate) {
    ArgumentChecks.requireLearningRate(learningRate);
    return step(inputs, Objects.requireNonNull(targets, "targets must not be null"), null, batchSize, learningRate,
        null);
  }

  /** One step of {@code optimizer} on a batch with target rows, as {@code TargetTrainable.trainStep}. */
  public double trainStep(double[] inputs, double[] targets, int batchSize, OptimizerState optimizer) {
    Objects.requireNonNull(optimizer, "optimizer must not be null");
    return step(inputs, Objects.requireNonNull(targets, "targets must not be null"), null, batchSize, 0.0,
        optimizer);
  }

  /**
   * One step: the parts' gradients, then the update (plain SGD if {@code optimizer} is null), each
   * thread its slice, the parts' gradients added in part order inside the update; then one decision
   * on the calling thread. Returns the mean loss; on failure clears every accumulator and throws.
   */
  private double step(double[] inputs, double[] targets, int[] labels, int batchSize, double learningRate,
      OptimizerState optimizer) {
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
    if (optimizer == null) {
      // the same step as the generated applyAccumulatedGradient(loss, batchSize, learningRate)
      update.beginPlain(parts, learningRate / batchSize, learningRate);
    } else {
      update.beginOptimizer(parts, optimizer, 1.0 / batchSize);
    }
    stepInputs = inputs;
    stepTargets = targets;
    stepLabels = labels;
    stepSize = batchSize;
    stepParts = parts;
    boolean inPlace = false; // Adam's in-place step on one thread (ParallelUpdate.stepInPlace)
    if (parts == 1 || threads == 1) {
      for (int k = 0; k < parts; k++) {
        computePart(k);
      }
      decide(parts);
      if (stepUpdates) {
        if (threads == 1 && update.stepInPlace()) {
          // Adam's in-place step, complete: nothing to clear or commit
          inPlace = true;
        } else {
          for (int t = 0; t < threads; t++) {
            update.update(t);
          }
          if (update.finite()) {
            for (int t = 0; t < threads; t++) {
              update.clearGradients(t);
            }
          }
        }
      }
    } else {
      barrier.register(0, Thread.currentThread());
      barrier.await(0);                        // start the workers
      computeParts(0);
      barrier.await(0);                        // every part computed
      decide(parts);
      if (stepUpdates) {
        update.update(0);
      }
      barrier.await(0);                        // every slice updated
      if (stepUpdates && update.finite()) {
        update.clearGradients(0);
        // the serial end of a kept step, while the workers still clear their slices
        keep();
      }
      barrier.await(0);                        // every slice cleared
    }
    stepInputs = null;
    stepTargets = null;
    stepLabels = null;
    if (failed(parts)) {
      throw failure(parts);
    }
    double loss = loss(parts);
    if (!stepUpdates) {
      // the loss is not finite: clear every part, and let the network throw as its trainStep does
      clearGradients(parts);
      if (optimizer == null) {
        network.applyAccumulatedGradient(loss, batchSize, learningRate);
      } else {
        network.applyAccumulatedGradient(loss, batchSize, optimizer);
      }
      throw new IllegalStateException("the network accepted the non-finite loss " + loss);
    }
    if (!update.finite()) {
      TrainingDivergedException diverged = update.rollBack();
      network.parametersUpdated();
      throw diverged;
    }
    if (inPlace) {
      network.parametersUpdated();
    } else if (threads == 1 || parts == 1) {
      keep();
    }
    return loss;
  }

  /**
   * Keeps a step whose every new value is finite: the optimizer's new moments become current and
   * the network refreshes what it derives from its parameters. Touches neither gradient
   * accumulators nor the parameters, so it runs on the calling thread while workers clear theirs.
   */
  private void keep() {
    update.commit();
    network.parametersUpdated();
  }

  /** Whether the update runs: computed alike by every thread from what the parts left. */
  private void decide(int parts) {
    stepUpdates = !failed(parts) && Double.isFinite(loss(parts));
  }

  /** The batch's mean loss: the parts' sums added in part order. */
  private double loss(int parts) {
    double sum = 0.0;
    for (int k = 0; k < parts; k++) {
      sum += partLoss[k];
    }
    return sum / stepSize;
  }

  /** A worker's loop: one step per round of four barriers, until {@link #close()}. */
  private void work(int party) {
    while (true) {
      barrier.await(party);
      if (stopping) {
        return;
      }
      computeParts(party);
      barrier.await(party);
      // every thread decides alike from what the parts left: the same flags, the same loss
      boolean updates = !failed(stepParts) && Double.isFinite(loss(stepParts));
      if (updates) {
        update.update(party);
      }
      barrier.await(party);
      if (updates && update.finite()) {
        update.clearGradients(party);
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
    clearGradients(parts);
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

  /** Zeroes the gradient accumulators of every part. */
  private void clearGradients(int parts) {
    for (int k = 0; k < parts; k++) {
      for (double[] g : gradients[k]) {
        Arrays.fill(g, 0.0);
      }
    }
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
