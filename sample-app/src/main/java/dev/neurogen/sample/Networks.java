package dev.neurogen.sample;

import static dev.neurogen.Activation.RELU;
import static dev.neurogen.Activation.TANH;
import static dev.neurogen.Loss.CROSS_ENTROPY;

import dev.neurogen.Classifier;
import dev.neurogen.Network;

/**
 * The networks the sample app can train, declared as a user declares them. During {@code javac}
 * the annotation processor turns each interface into a class in this package: {@code
 * Networks.DigitsSmall} becomes {@code Networks_DigitsSmallImpl}, and so on. {@link NetworkCatalog}
 * gives each one a command-line name.
 *
 * <p>Every network is a softmax classifier trained with cross-entropy; their sizes are fixed at
 * compile time, so a data set can only be trained by a network whose input and output sizes match
 * its features and classes.
 */
final class Networks {
  private Networks() {}

  /** 8x8 digits, small: 64 pixels, one ReLU layer of 32, 10 digits (2,410 parameters). */
  @Network(layers = {64, 32, 10}, activation = RELU, loss = CROSS_ENTROPY)
  interface DigitsSmall extends Classifier {}

  /** 8x8 digits, larger: 64 pixels, ReLU layers of 128 and 64, 10 digits (17,226 parameters). */
  @Network(layers = {64, 128, 64, 10}, activation = RELU, loss = CROSS_ENTROPY)
  interface DigitsLarge extends Classifier {}

  /** Iris, small: 4 measurements, one tanh layer of 8, 3 species (67 parameters). */
  @Network(layers = {4, 8, 3}, activation = TANH, loss = CROSS_ENTROPY)
  interface IrisSmall extends Classifier {}

  /** Iris, larger: 4 measurements, tanh layers of 16 and 16, 3 species (403 parameters). */
  @Network(layers = {4, 16, 16, 3}, activation = TANH, loss = CROSS_ENTROPY)
  interface IrisLarge extends Classifier {}

  /**
   * Fashion-MNIST, small: 784 pixels, ReLU layers of 128 and 64, 10 kinds of clothing (109,386
   * parameters); the same shape as the benchmarks' W3 workload.
   */
  @Network(layers = {784, 128, 64, 10}, activation = RELU, loss = CROSS_ENTROPY)
  interface FashionSmall extends Classifier {}

  /**
   * Fashion-MNIST, larger: 784 pixels, ReLU layers of 256 and 128, 10 kinds of clothing (235,146
   * parameters).
   */
  @Network(layers = {784, 256, 128, 10}, activation = RELU, loss = CROSS_ENTROPY)
  interface FashionLarge extends Classifier {}
}
