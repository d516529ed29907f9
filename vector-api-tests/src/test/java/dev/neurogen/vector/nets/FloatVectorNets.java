package dev.neurogen.vector.nets;

import static dev.neurogen.Activation.SIGMOID;
import static dev.neurogen.Activation.TANH;
import static dev.neurogen.Loss.BINARY_CROSS_ENTROPY;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Precision.FLOAT;

import dev.neurogen.CodeStyle;
import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Network;

/**
 * Float networks on the Vector API (FloatVector: twice the lanes of DoubleVector), each with a
 * float portable twin and a double Vector API twin. Odd sizes exercise the scalar tails.
 */
public final class FloatVectorNets {
  private FloatVectorNets() {}

  @Network(layers = {70, 37, 10}, activation = TANH, loss = CROSS_ENTROPY, codeStyle = CodeStyle.VECTOR_API,
      precision = FLOAT)
  public interface Ce extends FloatClassifier {}

  @Network(layers = {70, 37, 10}, activation = TANH, loss = CROSS_ENTROPY, precision = FLOAT)
  public interface CePortable extends FloatClassifier {}

  @Network(layers = {70, 37, 10}, activation = TANH, loss = CROSS_ENTROPY, codeStyle = CodeStyle.VECTOR_API)
  public interface CeDouble {}

  @Network(layers = {45, 66, 33, 7}, activation = SIGMOID, loss = BINARY_CROSS_ENTROPY,
      codeStyle = CodeStyle.VECTOR_API, precision = FLOAT)
  public interface Bce extends FloatTargetTrainable {}

  @Network(layers = {45, 66, 33, 7}, activation = SIGMOID, loss = BINARY_CROSS_ENTROPY, precision = FLOAT)
  public interface BcePortable extends FloatTargetTrainable {}

  @Network(layers = {45, 66, 33, 7}, activation = SIGMOID, loss = BINARY_CROSS_ENTROPY,
      codeStyle = CodeStyle.VECTOR_API)
  public interface BceDouble {}
}
