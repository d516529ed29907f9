package dev.neurogen.spark;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** The README's Spark example network: four measurements, three species. */
@Network(layers = {4, 16, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
public interface IrisNet extends Classifier {}
