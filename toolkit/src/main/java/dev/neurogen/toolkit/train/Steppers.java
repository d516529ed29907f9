package dev.neurogen.toolkit.train;

import dev.neurogen.NeuralNetwork;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.parallel.BatchPartition;
import dev.neurogen.parallel.DataParallel;
import dev.neurogen.parallel.ParallelTrainer;

/** The optimizer step of the fit loop. */
final class Steppers {
  private Steppers() {}

  /** One step of {@code state}'s optimizer through the network's own in-place {@code trainStep}. */
  static FitLoop.Stepper of(OptimizerState state) {
    return (loop, size) -> loop.classifier() != null
        ? loop.classifier().trainStep(loop.inputs(), loop.labels(), size, state)
        : loop.trainable().trainStep(loop.inputs(), loop.targets(), size, state);
  }

  /** One step of {@code state}'s optimizer through {@code trainer}, on its threads. */
  static FitLoop.Stepper of(OptimizerState state, ParallelTrainer trainer) {
    return (loop, size) -> loop.classifier() != null
        ? trainer.trainStep(loop.inputs(), loop.labels(), size, state)
        : trainer.trainStep(loop.inputs(), loop.targets(), size, state);
  }

  /**
   * The trainer of a generated network, with {@code config.threads()} threads or as many as pay
   * for batches of {@code batchSize}; null for a network that is not generated (it trains through
   * its own {@code trainStep}, on one thread). A generated network always goes through the
   * trainer, whatever the number of threads, so that its parameters never depend on it.
   *
   * @throws IllegalArgumentException if more than one thread is asked of a network that is not generated
   */
  static ParallelTrainer parallelTrainer(NeuralNetwork net, FitConfig config, int batchSize) {
    int threads = config.threads();
    if (!(net instanceof DataParallel)) {
      if (threads > 1) {
        throw new IllegalArgumentException("threads is " + threads + " but " + net.getClass().getName()
            + " is not a generated network and trains on one thread only; set threads(1)");
      }
      return null;
    }
    if (threads == FitConfig.AUTOMATIC_THREADS) {
      threads = ParallelTrainer.recommendedThreads(net, batchSize, BatchPartition.DEFAULT);
    }
    return ParallelTrainer.builder(net).threads(threads).partition(BatchPartition.DEFAULT).build();
  }
}
