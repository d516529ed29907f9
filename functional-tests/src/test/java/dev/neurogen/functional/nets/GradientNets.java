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

import dev.neurogen.Network;

/**
 * Every hidden activation crossed with every valid output/loss pairing, on a small unrolled
 * topology {4, 6, 5, 3}; then other shapes: no hidden layer, five weight layers, and layers large
 * enough to be written as loops (mixed with unrolled ones); and networks with a different
 * activation per hidden layer ({@code hiddenActivations}), unrolled, looped and both.
 */
public final class GradientNets {
  private GradientNets() {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface SigmoidCeSoftmax {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface SigmoidBceSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = IDENTITY, loss = MSE)
  public interface SigmoidMseIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = SIGMOID, loss = MSE)
  public interface SigmoidMseSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = TANH, loss = MSE)
  public interface SigmoidMseTanh {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = RELU, loss = MSE)
  public interface SigmoidMseRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = LEAKY_RELU, loss = MSE)
  public interface SigmoidMseLeakyRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = SIGMOID, outputActivation = IDENTITY, loss = HINGE)
  public interface SigmoidHingeIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface TanhCeSoftmax {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface TanhBceSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = IDENTITY, loss = MSE)
  public interface TanhMseIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = SIGMOID, loss = MSE)
  public interface TanhMseSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = TANH, loss = MSE)
  public interface TanhMseTanh {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = RELU, loss = MSE)
  public interface TanhMseRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = LEAKY_RELU, loss = MSE)
  public interface TanhMseLeakyRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = TANH, outputActivation = IDENTITY, loss = HINGE)
  public interface TanhHingeIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface ReluCeSoftmax {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface ReluBceSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = IDENTITY, loss = MSE)
  public interface ReluMseIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = SIGMOID, loss = MSE)
  public interface ReluMseSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = TANH, loss = MSE)
  public interface ReluMseTanh {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = RELU, loss = MSE)
  public interface ReluMseRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = LEAKY_RELU, loss = MSE)
  public interface ReluMseLeakyRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface ReluHingeIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LeakyReluCeSoftmax {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface LeakyReluBceSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = MSE)
  public interface LeakyReluMseIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = SIGMOID, loss = MSE)
  public interface LeakyReluMseSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = TANH, loss = MSE)
  public interface LeakyReluMseTanh {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = RELU, loss = MSE)
  public interface LeakyReluMseRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = LEAKY_RELU, loss = MSE)
  public interface LeakyReluMseLeakyRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface LeakyReluHingeIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface IdentityCeSoftmax {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface IdentityBceSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = IDENTITY, loss = MSE)
  public interface IdentityMseIdentity {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = SIGMOID, loss = MSE)
  public interface IdentityMseSigmoid {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = TANH, loss = MSE)
  public interface IdentityMseTanh {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = RELU, loss = MSE)
  public interface IdentityMseRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = LEAKY_RELU, loss = MSE)
  public interface IdentityMseLeakyRelu {}

  @Network(layers = {4, 6, 5, 3}, activation = IDENTITY, outputActivation = IDENTITY, loss = HINGE)
  public interface IdentityHingeIdentity {}

  // ---- other shapes

  @Network(layers = {5, 3}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface NoHiddenCe {}

  @Network(layers = {4, 2}, activation = SIGMOID, outputActivation = TANH, loss = MSE)
  public interface NoHiddenMse {}

  @Network(layers = {6, 4}, activation = RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface NoHiddenHinge {}

  @Network(layers = {3, 5, 4, 6, 4, 2}, activation = TANH, outputActivation = IDENTITY, loss = MSE)
  public interface FiveLayersTanhMse {}

  @Network(layers = {6, 7, 5, 4, 5, 3}, activation = RELU, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface FiveLayersReluCe {}

  @Network(layers = {20, 40, 30, 5}, activation = SIGMOID, outputActivation = SOFTMAX, loss = CROSS_ENTROPY)
  public interface LoopedSigmoidCe {}

  @Network(layers = {24, 33, 17, 4}, activation = TANH, outputActivation = SIGMOID, loss = BINARY_CROSS_ENTROPY)
  public interface LoopedTanhBce {}

  @Network(layers = {30, 20, 25, 3}, activation = RELU, outputActivation = IDENTITY, loss = MSE)
  public interface LoopedReluMse {}

  @Network(layers = {17, 40, 6}, activation = LEAKY_RELU, outputActivation = IDENTITY, loss = HINGE)
  public interface LoopedLeakyHinge {}

  @Network(layers = {40, 9, 30}, activation = IDENTITY, outputActivation = SIGMOID, loss = MSE)
  public interface LoopedIdentityMseSigmoid {}

  // ---- one activation per hidden layer (hiddenActivations)

  /** Unrolled throughout: every hidden activation once, so each slope follows a different one. */
  @Network(layers = {4, 6, 5, 4, 5, 6, 3}, hiddenActivations = {RELU, TANH, SIGMOID, LEAKY_RELU, IDENTITY},
      loss = CROSS_ENTROPY)
  public interface MixedUnrolledCe {}

  @Network(layers = {3, 5, 4, 2}, hiddenActivations = {TANH, RELU}, outputActivation = SIGMOID, loss = MSE)
  public interface MixedUnrolledMse {}

  /** Looped throughout (each layer above 256 multiply-adds), block kernels with mixed slopes. */
  @Network(layers = {20, 40, 30, 26, 10}, hiddenActivations = {RELU, TANH, LEAKY_RELU}, loss = CROSS_ENTROPY)
  public interface MixedLoopedCe {}

  /** Looped layers (20x40, 40x30) then unrolled ones (30x6, 6x3), three different activations. */
  @Network(layers = {20, 40, 30, 6, 3}, hiddenActivations = {SIGMOID, RELU, TANH}, loss = HINGE)
  public interface MixedLoopedAndUnrolledHinge {}
}
