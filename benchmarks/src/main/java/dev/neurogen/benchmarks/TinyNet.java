package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Workload W1: a tiny 4-8-3 classifier trained one sample at a time (pure per-sample SGD). */
@Network(layers = {4, 8, 3}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
public interface TinyNet extends Classifier {}
