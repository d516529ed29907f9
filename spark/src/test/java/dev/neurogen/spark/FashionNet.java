package dev.neurogen.spark;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** The benchmark's network: MLlib's MultilayerPerceptronClassifier topology for Fashion-MNIST. */
@Network(layers = {784, 128, 64, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
public interface FashionNet extends Classifier {}
