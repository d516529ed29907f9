package dev.neurogen.functional.nets;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/** Networks the training tests teach. */
public final class TrainingNets {
  private TrainingNets() {}

  /** XOR: two inputs, three tanh hidden units, one sigmoid output, squared error. */
  @Network(layers = {2, 3, 1}, activation = Activation.TANH, outputActivation = Activation.SIGMOID, loss = Loss.MSE)
  public interface Xor extends TargetTrainable {}

  /** Three linearly separable classes in the plane: softmax regression (no hidden layer). */
  @Network(layers = {2, 3}, loss = Loss.CROSS_ENTROPY)
  public interface ThreeClasses extends Classifier {}

  /** The same problem through a hidden ReLU layer, trained with the hinge loss. */
  @Network(layers = {2, 8, 3}, activation = Activation.RELU, loss = Loss.HINGE)
  public interface ThreeClassesHinge extends Classifier {}
}
