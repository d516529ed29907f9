package dev.neurogen.toolkit.train;

/**
 * One mini-batch step done.
 *
 * @param epoch the epoch, from 1
 * @param batch the batch within the epoch, from 1
 * @param batches batches in the epoch
 * @param batchSize samples in this batch
 * @param loss the batch's mean loss before the update
 * @param samplesPerSecond training samples per second so far in this epoch
 * @param elapsedSeconds seconds since this epoch started
 */
public record BatchEnd(int epoch, int batch, int batches, int batchSize, double loss, double samplesPerSecond,
    double elapsedSeconds) {}
