package dev.neurogen.functional.nets;

import static dev.neurogen.Activation.IDENTITY;
import static dev.neurogen.Activation.LEAKY_RELU;
import static dev.neurogen.Activation.RELU;
import static dev.neurogen.Activation.SIGMOID;
import static dev.neurogen.Activation.SOFTMAX;
import static dev.neurogen.Activation.TANH;
import static dev.neurogen.Loss.BINARY_CROSS_ENTROPY;
import static dev.neurogen.Loss.CROSS_ENTROPY;
import static dev.neurogen.Loss.HINGE;
import static dev.neurogen.Loss.MSE;

import dev.neurogen.Classifier;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/**
 * The networks that PyTorchReferenceTest checks against the vectors in
 * {@code src/test/resources/reference}. Each one must match, in layers, activations and loss, the
 * case of the same network name in {@code make_reference.py}.
 */
public final class ReferenceNets {
  private ReferenceNets() {}

  // The seed tutorials.

  @Network(layers = {2, 2, 2, 1}, activation = SIGMOID, outputActivation = SIGMOID, loss = MSE)
  public interface Tutorial3 extends TargetTrainable {}

  @Network(layers = {3, 4, 4, 3}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface Tutorial1 extends Classifier, TargetTrainable {}

  // Every hidden activation and every output/loss pairing on {4, 6, 5, 3}.

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface TanhCe extends Classifier {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LeakyReluCe extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface ReluBce extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface SigmoidBce extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = MSE)
  public interface LeakyReluMseIdentity extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = SIGMOID, loss = MSE)
  public interface IdentityMseSigmoid extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = TANH, loss = MSE)
  public interface IdentityMseTanh extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = RELU, loss = MSE)
  public interface TanhMseRelu extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = LEAKY_RELU, loss = MSE)
  public interface SigmoidMseLeakyRelu extends TargetTrainable {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface ReluHinge extends Classifier {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface LeakyReluHinge extends Classifier {}

  // No hidden layer (the hidden activation is unused).

  @Network(layers = {5, 3}, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface NoHiddenCe extends Classifier {}

  @Network(layers = {5, 3}, outputActivation = TANH, loss = MSE)
  public interface NoHiddenMseTanh extends TargetTrainable {}

  // Five weight layers.

  @Network(layers = {6, 8, 7, 6, 5, 4}, activation = TANH, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface DeepTanhCe extends Classifier {}

  @Network(layers = {6, 8, 7, 6, 5, 4}, activation = RELU, outputActivation = IDENTITY, loss = MSE)
  public interface DeepReluMse extends TargetTrainable {}

  // Layers with inputs * outputs > 256, which the processor writes as loops.

  @Network(layers = {20, 40, 30, 5}, activation = TANH, outputActivation = IDENTITY, loss = MSE)
  public interface LargeTanhMse extends TargetTrainable {}

  @Network(layers = {64, 32, 10}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LargeSigmoidCe extends Classifier, TargetTrainable {}

  @Network(layers = {20, 40, 30, 5}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface LargeLeakyReluHinge extends Classifier {}

  @Network(layers = {20, 40, 30, 5}, activation = RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface LargeReluBce extends TargetTrainable {}

  // Logits around +-50 (set through the output biases of the reference parameters).

  @Network(layers = {4, 6, 3}, activation = TANH, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LargeLogitsCe extends Classifier, TargetTrainable {}

  // One activation per hidden layer: unrolled; looped (20x40, 40x30) then unrolled (30x6, 6x4).

  @Network(layers = {4, 6, 5, 4, 3}, hiddenActivations = {RELU, TANH, LEAKY_RELU}, loss = CROSS_ENTROPY)
  public interface MixedCe extends Classifier {}

  @Network(layers = {20, 40, 30, 6, 4}, hiddenActivations = {TANH, RELU, SIGMOID}, outputActivation = IDENTITY,
      loss = MSE)
  public interface MixedLargeMse extends TargetTrainable {}
}
