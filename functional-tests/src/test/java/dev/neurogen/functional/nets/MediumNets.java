package dev.neurogen.functional.nets;

import dev.neurogen.Activation;
import dev.neurogen.Loss;
import dev.neurogen.Network;

/** Networks with looped (large) layers. */
public final class MediumNets {
  private MediumNets() {}

  @Network(layers = {64, 32, 10}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
  public interface Digits {}

  @Network(layers = {20, 40, 30, 5}, activation = Activation.TANH, loss = Loss.MSE)
  interface DeepTanh {}
}
