package dev.neurogen.sample;

import static dev.neurogen.Activation.SIGMOID;
import static dev.neurogen.Activation.SOFTMAX;
import static dev.neurogen.Activation.TANH;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Loss.MSE;

import dev.neurogen.Classifier;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/**
 * The three networks of the sample app. The annotation processor turns each interface into a
 * class in this package during {@code javac}: {@code Networks.XorNet} becomes {@code
 * Networks_XorNetImpl}, and so on.
 */
final class Networks {
  private Networks() {}

  /** Third tutorial: 2-2-2-1, sigmoid hidden and output units, squared error. */
  @Network(layers = {2, 2, 2, 1}, activation = SIGMOID, outputActivation = SIGMOID, loss = MSE)
  interface XorNet extends TargetTrainable {}

  /** First tutorial: 3-4-4-3, sigmoid hidden layers, softmax output with cross-entropy. */
  @Network(
      layers = {3, 4, 4, 3},
      activation = SIGMOID,
      outputActivation = SOFTMAX,
      loss = CROSS_ENTROPY)
  interface BlobsNet extends Classifier {}

  /** Iris: 4 standardised measurements, one tanh hidden layer of 8, softmax over 3 species. */
  @Network(layers = {4, 8, 3}, activation = TANH, loss = CROSS_ENTROPY)
  interface IrisNet extends Classifier {}
}
