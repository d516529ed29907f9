package dev.neurogen.toolkit;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Loss;
import dev.neurogen.Network;
import dev.neurogen.Precision;
import dev.neurogen.TargetTrainable;

/** Networks the toolkit tests train, compiled with the processor as a user compiles them. */
public final class Nets {
  private Nets() {}

  /** Iris: 4 features, 3 classes. */
  @Network(layers = {4, 16, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface Iris extends Classifier {}

  /** Same topology, other hidden activation (for model-file mismatch tests). */
  @Network(layers = {4, 16, 3}, activation = Activation.RELU, loss = Loss.CROSS_ENTROPY)
  public interface IrisRelu extends Classifier {}

  /** Same topology, hinge loss. */
  @Network(layers = {4, 16, 3}, activation = Activation.TANH, loss = Loss.HINGE)
  public interface IrisHinge extends Classifier {}

  /** Other hidden width. */
  @Network(layers = {4, 8, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface IrisNarrow extends Classifier {}

  /** Matches the PyTorch-written file. */
  @Network(layers = {4, 5, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface Torch453 extends Classifier {}

  /** Binary: one sigmoid output with binary cross-entropy. */
  @Network(layers = {2, 8, 1}, activation = Activation.TANH, outputActivation = Activation.SIGMOID,
      loss = Loss.BINARY_CROSS_ENTROPY)
  public interface Binary extends TargetTrainable {}

  /** Regression: one input, one linear output. */
  @Network(layers = {1, 16, 1}, activation = Activation.TANH, loss = Loss.MSE)
  public interface Regression extends TargetTrainable {}

  /** A tiny classifier for the byte-flipping test (small file). */
  @Network(layers = {2, 2, 2}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface Tiny extends Classifier {}

  /** Large enough for looped layers: the allocation test. */
  @Network(layers = {64, 32, 10}, activation = Activation.RELU, loss = Loss.CROSS_ENTROPY)
  public interface Digits extends Classifier {}

  /** 11,110 parameters: batches of 180 or more have two parts under the default partition (threads test). */
  @Network(layers = {100, 100, 10}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface Wide extends Classifier {}

  /** The float twin of {@link Iris} ({@code precision = FLOAT}). */
  @Network(layers = {4, 16, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY, precision = Precision.FLOAT)
  public interface IrisFloat extends FloatClassifier {}

  /** The float twin of {@link Regression}. */
  @Network(layers = {1, 16, 1}, activation = Activation.TANH, loss = Loss.MSE, precision = Precision.FLOAT)
  public interface RegressionFloat extends FloatTargetTrainable {}

  /** The float twin of {@link Binary}. */
  @Network(layers = {2, 8, 1}, activation = Activation.TANH, outputActivation = Activation.SIGMOID,
      loss = Loss.BINARY_CROSS_ENTROPY, precision = Precision.FLOAT)
  public interface BinaryFloat extends FloatTargetTrainable {}

  /** The float twin of {@link Digits}: looped layers, for the allocation test. */
  @Network(layers = {64, 32, 10}, activation = Activation.RELU, loss = Loss.CROSS_ENTROPY, precision = Precision.FLOAT)
  public interface DigitsFloat extends FloatClassifier {}
}
