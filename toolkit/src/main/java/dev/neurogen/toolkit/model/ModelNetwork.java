package dev.neurogen.toolkit.model;

import dev.neurogen.Activation;
import dev.neurogen.FloatNetwork;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.Precision;
import java.util.function.IntFunction;

/**
 * A network of either precision as {@link Model} and {@link ModelFile} see it: its shape, loss and
 * activations, its parameters in double (a float network's widened exactly, and rounded to float
 * on the way in), and the prediction of one double row into a double output. The float one
 * narrows the row and widens the output through scratch arrays of its own, so a prediction
 * allocates nothing; like a model, it is not thread-safe.
 */
abstract sealed class ModelNetwork permits ModelNetwork.Doubles, ModelNetwork.Floats {
  private final int[] layerSizes;
  private final Loss loss;
  private final Activation[] activations; // [0] unused: layer 1 is the first hidden layer
  private final int parameterCount;

  /** Copies the shape, loss and activations, which a generated network never changes. */
  private ModelNetwork(int[] layerSizes, Loss loss, IntFunction<Activation> activation, int parameterCount) {
    this.layerSizes = layerSizes.clone();
    this.loss = loss;
    this.activations = new Activation[layerSizes.length];
    for (int layer = 1; layer < layerSizes.length; layer++) {
      activations[layer] = activation.apply(layer);
    }
    this.parameterCount = parameterCount;
  }

  static ModelNetwork of(NeuralNetwork net) {
    return new Doubles(net);
  }

  static ModelNetwork of(FloatNetwork net) {
    return new Floats(net);
  }

  /** The network itself (a {@code NeuralNetwork} or a {@code FloatNetwork}). */
  abstract Object network();

  abstract Precision precision();

  final int[] layerSizes() {
    return layerSizes.clone();
  }

  final int inputSize() {
    return layerSizes[0];
  }

  final int outputSize() {
    return layerSizes[layerSizes.length - 1];
  }

  final int parameterCount() {
    return parameterCount;
  }

  final Loss loss() {
    return loss;
  }

  /** The activation of layer {@code layer}, 1 (the first hidden layer) to the output layer. */
  final Activation activation(int layer) {
    if (layer < 1 || layer >= layerSizes.length) {
      throw new IllegalArgumentException("layer " + layer + " is not between 1 and " + (layerSizes.length - 1));
    }
    return activations[layer];
  }

  /** The parameters in the flat layout, in double (exact for a float network). */
  abstract void getParameters(double[] destination);

  /** Replaces the parameters (rounded to the nearest float for a float network). */
  abstract void setParameters(double[] source);

  /** The outputs for one (scaled) row. */
  abstract void predict(double[] input, double[] output);

  /** A {@link NeuralNetwork}: every call is the network's own. */
  static final class Doubles extends ModelNetwork {
    private final NeuralNetwork net;

    Doubles(NeuralNetwork net) {
      super(net.layerSizes(), net.loss(), net::activation, net.parameterCount());
      this.net = net;
    }

    @Override
    Object network() {
      return net;
    }

    @Override
    Precision precision() {
      return Precision.DOUBLE;
    }

    @Override
    void getParameters(double[] destination) {
      net.getParameters(destination);
    }

    @Override
    void setParameters(double[] source) {
      net.setParameters(source);
    }

    @Override
    void predict(double[] input, double[] output) {
      net.predict(input, output);
    }
  }

  /** A {@link FloatNetwork}: rows are rounded to float, outputs widened to double. */
  static final class Floats extends ModelNetwork {
    private final FloatNetwork net;
    private final float[] input;
    private final float[] output;

    Floats(FloatNetwork net) {
      super(net.layerSizes(), net.loss(), net::activation, net.parameterCount());
      this.net = net;
      this.input = new float[net.inputSize()];
      this.output = new float[net.outputSize()];
    }

    @Override
    Object network() {
      return net;
    }

    @Override
    Precision precision() {
      return Precision.FLOAT;
    }

    @Override
    void getParameters(double[] destination) {
      net.getParameters(destination);
    }

    @Override
    void setParameters(double[] source) {
      net.setParameters(source);
    }

    @Override
    void predict(double[] row, double[] result) {
      if (result.length != output.length) {
        throw new IllegalArgumentException("output has " + result.length + " values but the network has "
            + output.length + " outputs; pass an array of outputSize() values");
      }
      for (int k = 0; k < input.length; k++) {
        input[k] = (float) row[k];
      }
      net.predict(input, output);
      for (int k = 0; k < output.length; k++) {
        result[k] = output[k];
      }
    }
  }
}
