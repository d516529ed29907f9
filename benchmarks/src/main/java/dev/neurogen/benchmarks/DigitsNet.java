package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Workload W2: an 8x8-digits sized 64-32-10 classifier trained on batches of 16. */
@Network(layers = {64, 32, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
public interface DigitsNet extends Classifier {}
