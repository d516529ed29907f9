package dev.neurogen.vector.nets;

import static dev.neurogen.Activation.*;
import static dev.neurogen.Loss.*;

import dev.neurogen.CodeStyle;
import dev.neurogen.Network;

/** Networks with large layers written on the Java Vector API; odd sizes exercise the masked tails. */
public final class VectorNets {
  private VectorNets() {}

  @Network(layers = {20, 40, 30, 5}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY,
      codeStyle = CodeStyle.VECTOR_API)
  public interface SigmoidCe {}

  @Network(layers = {64, 32, 10}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY,
      codeStyle = CodeStyle.VECTOR_API)
  public interface Digits {}

  @Network(layers = {33, 19, 45, 7}, activation = TANH, outputActivation = IDENTITY, loss = MSE,
      codeStyle = CodeStyle.VECTOR_API)
  public interface OddTanhMse {}

  @Network(layers = {17, 40, 6}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE,
      codeStyle = CodeStyle.VECTOR_API)
  public interface LeakyHinge {}

  @Network(layers = {24, 33, 17, 4}, activation = RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY,
      codeStyle = CodeStyle.VECTOR_API)
  public interface ReluBce {}

  @Network(layers = {40, 9, 30}, activation = IDENTITY, outputActivation = SIGMOID, loss = MSE,
      codeStyle = CodeStyle.VECTOR_API)
  public interface IdentityMseSigmoid {}

}
