package dev.neurogen.toolkit.train;

/**
 * The start of training.
 *
 * @param epochs the configured maximum number of epochs
 * @param batchesPerEpoch mini-batches per epoch (the last may be smaller)
 * @param trainingSize training samples
 * @param validationSize validation samples (0 if none)
 * @param config the configuration
 */
public record TrainStart(int epochs, int batchesPerEpoch, int trainingSize, int validationSize, FitConfig config) {}
