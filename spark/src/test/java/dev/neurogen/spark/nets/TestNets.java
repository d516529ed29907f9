package dev.neurogen.spark.nets;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.Network;
import dev.neurogen.TargetTrainable;

/** Networks the Spark tests train and score. */
public final class TestNets {

  private TestNets() {}

  /** Four features, three classes: the shape of iris. */
  @Network(layers = {4, 8, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
  public interface Blobs extends Classifier {}

  /** Same data, multiclass hinge: raw scores, so probability is their softmax. */
  @Network(layers = {4, 6, 3}, activation = Activation.RELU, loss = Loss.HINGE)
  public interface BlobsHinge extends Classifier {}

  /** One output regression: prediction is the output. */
  @Network(layers = {4, 5, 1}, activation = Activation.TANH, loss = Loss.MSE)
  public interface Regression extends TargetTrainable {}

  /** A network with a large (looped) layer, stored column by column inside. */
  @Network(layers = {40, 24, 5}, activation = Activation.SIGMOID, loss = Loss.CROSS_ENTROPY)
  public interface Wide extends Classifier {}
}
