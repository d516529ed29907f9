package dev.neurogen.vector.nets;

import static dev.neurogen.Activation.*;
import static dev.neurogen.Loss.*;

import dev.neurogen.CodeStyle;
import dev.neurogen.Network;

/** The same networks as {@link VectorNets}, in the portable style, name for name. */
public final class PortableTwins {
  private PortableTwins() {}

  @Network(layers = {20, 40, 30, 5}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY,
      codeStyle = CodeStyle.PORTABLE)
  public interface SigmoidCe {}

  @Network(layers = {64, 32, 10}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY,
      codeStyle = CodeStyle.PORTABLE)
  public interface Digits {}

  @Network(layers = {33, 19, 45, 7}, activation = TANH, outputActivation = IDENTITY, loss = MSE,
      codeStyle = CodeStyle.PORTABLE)
  public interface OddTanhMse {}

  @Network(layers = {17, 40, 6}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE,
      codeStyle = CodeStyle.PORTABLE)
  public interface LeakyHinge {}

  @Network(layers = {24, 33, 17, 4}, activation = RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY,
      codeStyle = CodeStyle.PORTABLE)
  public interface ReluBce {}

  @Network(layers = {40, 9, 30}, activation = IDENTITY, outputActivation = SIGMOID, loss = MSE,
      codeStyle = CodeStyle.PORTABLE)
  public interface IdentityMseSigmoid {}

}
