/**
 * Data-parallel training of generated networks on several cores: {@link
 * dev.neurogen.parallel.ParallelTrainer} cuts each mini-batch into parts ({@link
 * dev.neurogen.parallel.BatchPartition}), computes their gradients on a small pool of threads,
 * each part on its own replica of the network (shared parameters, own scratch), adds them in a
 * fixed order and updates the network as its own {@code trainStep} does. The result is bit for
 * bit the same for any number of threads.
 *
 * <pre>
 * try (ParallelTrainer trainer = ParallelTrainer.create(net, 2)) {
 *   for (...) loss = trainer.trainStep(x, labels, batch, adam);
 * }
 * </pre>
 */
package dev.neurogen.parallel;
