package dev.neurogen.parallel;

import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.ParameterStorage;

/**
 * What {@link ParallelTrainer} needs of a network to train it on several threads. Every generated
 * class that trains ({@code Classifier} or {@code TargetTrainable}) implements it; application code
 * uses {@link ParallelTrainer} and does not call these methods itself.
 *
 * <p>A <em>replica</em> ({@link #newReplica()}) shares its parent's parameter arrays (the same
 * {@code double[]} objects, so nothing is copied per step) but owns its scratch buffers and
 * gradient accumulators. Several replicas may run {@link #accumulateSamples} at the same time, on
 * different threads, as long as nobody changes the parameters meanwhile; the trainer's threads
 * then update the parent's parameters ({@link #parameterSegments()}), each a slice, adding the
 * replicas' gradients into the parent's accumulators ({@link #gradientSegments()}) in a fixed
 * order as they go, and tell the parent ({@link #parametersUpdated()}). {@link
 * #applyAccumulatedGradient} is the network's own update of its accumulated gradient, which the
 * trainer uses to throw for a non-finite loss exactly as {@code trainStep} does.
 *
 * <p>The gradient accumulators are zero between steps. None of these methods allocates.
 */
public interface DataParallel {
  /**
   * A new replica of this network: the same parameter arrays (a later update of the parameters
   * is seen by both), its own scratch and zeroed gradient accumulators. Allocates the replica.
   */
  DataParallel newReplica();

  /**
   * Checks a training batch as {@code trainStep} does, before anything is computed: exactly one
   * of {@code targets} and {@code labels} is given.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  void checkTrainingBatch(double[] inputs, double[] targets, int[] labels, int batchSize);

  /**
   * Forward and backward pass of samples {@code from} to {@code to - 1} of a checked batch (row
   * indices into {@code inputs} and {@code targets} or {@code labels}, whichever is not null),
   * adding their gradient (summed, not averaged) to this instance's accumulators.
   *
   * @return the sum of the samples' losses
   */
  double accumulateSamples(double[] inputs, double[] targets, int[] labels, int from, int to);

  /**
   * This instance's gradient accumulators, in the segment order of the network's {@code
   * ParameterStorage} (the arrays themselves, not copies): the trainer adds replicas' gradients
   * into them and clears replicas' after that.
   */
  double[][] gradientSegments();

  /**
   * This instance's parameter arrays in the segment order of {@link #parameterStorage()} (the
   * arrays themselves, shared with the replicas): the trainer's threads update them in place, each
   * a slice, as {@code trainStep} would ({@link dev.neurogen.optim.ParallelUpdate}).
   */
  double[][] parameterSegments();

  /** How {@link #parameterSegments()} and {@link #gradientSegments()} map to the flat parameter layout. */
  ParameterStorage parameterStorage();

  /**
   * Called by the trainer after it changed {@link #parameterSegments()} in place: refreshes what
   * the network derives from its parameters (row mirrors of looped layers, the bound its
   * single-sample shortcut keeps), as its own {@code trainStep} does after an update. The trainer
   * may call it while its other threads still zero this instance's gradient accumulators: it reads
   * the parameters and writes what it derives from them, never the accumulators.
   */
  void parametersUpdated();

  /**
   * The plain SGD update of {@code trainStep(..., learningRate)} with the accumulated gradient
   * (the sum over {@code batchSize} samples), divergence guard included; zeroes the accumulators.
   *
   * @param loss the batch's mean loss, checked to be finite first
   * @throws dev.neurogen.TrainingDivergedException if the loss or an updated parameter is not
   *     finite; the parameters are then unchanged
   */
  void applyAccumulatedGradient(double loss, int batchSize, double learningRate);

  /**
   * The update of {@code trainStep(..., optimizer)} with the accumulated gradient, divergence
   * guard included; zeroes the accumulators.
   *
   * @throws dev.neurogen.TrainingDivergedException as {@code OptimizerState.step}
   */
  void applyAccumulatedGradient(double loss, int batchSize, OptimizerState optimizer);
}
