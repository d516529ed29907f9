package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Workload W3: an MNIST sized 784-128-64-10 classifier trained on batches of 32. */
@Network(layers = {784, 128, 64, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
public interface MnistNet extends Classifier {}
