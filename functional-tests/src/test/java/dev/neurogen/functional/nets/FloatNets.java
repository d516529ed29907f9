package dev.neurogen.functional.nets;

import static dev.neurogen.Activation.IDENTITY;
import static dev.neurogen.Activation.LEAKY_RELU;
import static dev.neurogen.Activation.SIGMOID;
import static dev.neurogen.Activation.SOFTMAX;
import static dev.neurogen.Activation.TANH;
import static dev.neurogen.Loss.BINARY_CROSS_ENTROPY;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Loss.HINGE;
import static dev.neurogen.Loss.MSE;
import static dev.neurogen.Precision.FLOAT;

import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Network;

/**
 * Float networks ({@code precision = FLOAT}) and their double twins: the same declaration but for
 * the precision, so {@code FloatPrecisionTest} can run both on the same (float-representable)
 * parameters and inputs. Unrolled and looped layers, every loss, and the single-sample shortcut.
 */
public final class FloatNets {
  private FloatNets() {}

  @Network(layers = {4, 8, 3}, activation = TANH, loss = CROSS_ENTROPY, precision = FLOAT)
  public interface UnrolledCe extends FloatClassifier {}

  @Network(layers = {4, 8, 3}, activation = TANH, loss = CROSS_ENTROPY)
  public interface UnrolledCeDouble {}

  @Network(layers = {70, 40, 10}, activation = TANH, loss = CROSS_ENTROPY, precision = FLOAT)
  public interface LoopedCe extends FloatClassifier {}

  @Network(layers = {70, 40, 10}, activation = TANH, loss = CROSS_ENTROPY)
  public interface LoopedCeDouble {}

  @Network(layers = {30, 24, 20, 6}, activation = SIGMOID, loss = BINARY_CROSS_ENTROPY, precision = FLOAT)
  public interface LoopedBce extends FloatTargetTrainable {}

  @Network(layers = {30, 24, 20, 6}, activation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface LoopedBceDouble {}

  @Network(layers = {3, 6, 2}, hiddenActivations = {LEAKY_RELU}, outputActivation = TANH, loss = MSE,
      precision = FLOAT)
  public interface UnrolledMse extends FloatTargetTrainable {}

  @Network(layers = {3, 6, 2}, hiddenActivations = {LEAKY_RELU}, outputActivation = TANH, loss = MSE)
  public interface UnrolledMseDouble {}

  @Network(layers = {20, 30, 4}, activation = TANH, loss = HINGE, precision = FLOAT)
  public interface LoopedHinge extends FloatClassifier {}

  @Network(layers = {20, 30, 4}, activation = TANH, loss = HINGE)
  public interface LoopedHingeDouble {}

  // The float twins of ReferenceNets.TanhCe and ReferenceNets.LargeTanhMse, for the PyTorch float32
  // optimizer vectors (optim/float32_*.txt, make_float32_optim_reference.py).

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = SOFTMAX, loss = CROSS_ENTROPY,
      precision = FLOAT)
  public interface TanhCe extends FloatClassifier {}

  @Network(layers = {20, 40, 30, 5}, activation = TANH, outputActivation = IDENTITY, loss = MSE, precision = FLOAT)
  public interface LargeTanhMse extends FloatTargetTrainable {}
}
