package dev.neurogen.functional.nets;

import static dev.neurogen.Activation.IDENTITY;
import static dev.neurogen.Activation.LEAKY_RELU;
import static dev.neurogen.Activation.SOFTMAX;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Loss.MSE;

import dev.neurogen.Classifier;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/**
 * Networks that really diverge under issue 7's bad numbers (leaky ReLU passes huge values on, an
 * identity output does not saturate), for DivergenceTest; both with looped layers and a row mirror.
 */
public final class OptimizerNets {
  private OptimizerNets() {}

  @Network(layers = {20, 40, 30, 5}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = MSE)
  public interface LoopedLeakyMse extends TargetTrainable {}

  @Network(layers = {20, 40, 30, 5}, activation = LEAKY_RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LoopedLeakyCe extends Classifier {}

  @Network(layers = {3, 5, 4, 3}, activation = LEAKY_RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface UnrolledLeakyCe extends Classifier {}
}
