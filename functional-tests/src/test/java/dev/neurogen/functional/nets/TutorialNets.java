package dev.neurogen.functional.nets;

import static dev.neurogen.Activation.SIGMOID;
import static dev.neurogen.Activation.SOFTMAX;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Loss.MSE;

import dev.neurogen.Classifier;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/** The networks of the seed tutorials. */
public final class TutorialNets {
  private TutorialNets() {}

  /** Third tutorial: 2-2-2-1, sigmoid everywhere, squared error. */
  @Network(layers = {2, 2, 2, 1}, activation = SIGMOID, outputActivation = SIGMOID, loss = MSE)
  public interface Tutorial3 extends TargetTrainable {}

  /** First tutorial: four layers, sigmoid hidden layers, softmax output with cross-entropy. */
  @Network(layers = {3, 4, 4, 3}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface Tutorial1 extends Classifier, TargetTrainable {}
}
