package dev.neurogen.benchmarks;

import dev.neurogen.Activation;
import dev.neurogen.ArgumentChecks;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.WeightInitializer;
import java.util.Arrays;

/**
 * The baseline the generated code is measured against: the multilayer perceptron a competent
 * engineer writes by hand from the backprop equations, for any layer sizes, with sigmoid hidden
 * layers, a softmax output and cross-entropy loss on integer labels.
 *
 * <p>It is deliberately plain but not careless: every buffer is a {@code double[]} preallocated in
 * the constructor (so training and prediction allocate nothing), weights are one flat row-major
 * array per layer ({@code W_l[i][j]} at {@code i * nIn + j}), the forward pass is one dot product
 * per output unit, and backprop walks the weight rows contiguously. It has none of the tricks the
 * generator may use (no blocking over samples, no transposed copies, no unrolling), because
 * measuring those tricks is the point of the benchmark.
 *
 * <p>Parameters use the public flat layout of {@link ParameterLayout} and the loss is the batch
 * mean, so it computes the same numbers as a generated network with the same parameters (checked
 * by {@code HandWrittenMlpTest}). Not thread-safe.
 */
public final class HandWrittenMlp implements NeuralNetwork {
  private final int[] sizes;
  private final int layers;
  private final ParameterLayout layout;

  // Index l = 1..L for per-layer arrays; index 0 is unused except for activations (the input).
  private final double[][] weights;
  private final double[][] biases;
  private final double[][] weightGradients;
  private final double[][] biasGradients;
  /** z_l of the current sample; z_0 is the input and z_L holds logits, then probabilities. */
  private final double[][] activations;
  /** dLoss/da_l of the current sample. */
  private final double[][] deltas;

  /** A network with the given layer sizes (input first) and seeded Glorot-uniform weights. */
  public HandWrittenMlp(int[] sizes, long seed) {
    this.layout = ParameterLayout.of(sizes);
    this.sizes = sizes.clone();
    this.layers = sizes.length - 1;
    weights = new double[layers + 1][];
    biases = new double[layers + 1][];
    weightGradients = new double[layers + 1][];
    biasGradients = new double[layers + 1][];
    activations = new double[layers + 1][];
    deltas = new double[layers + 1][];
    activations[0] = new double[sizes[0]];
    for (int l = 1; l <= layers; l++) {
      weights[l] = new double[sizes[l] * sizes[l - 1]];
      biases[l] = new double[sizes[l]];
      weightGradients[l] = new double[sizes[l] * sizes[l - 1]];
      biasGradients[l] = new double[sizes[l]];
      activations[l] = new double[sizes[l]];
      deltas[l] = new double[sizes[l]];
    }
    initialize(seed);
  }

  @Override
  public int[] layerSizes() {
    return sizes.clone();
  }

  @Override
  public int inputSize() {
    return sizes[0];
  }

  @Override
  public int outputSize() {
    return sizes[layers];
  }

  @Override
  public dev.neurogen.Loss loss() {
    return dev.neurogen.Loss.CROSS_ENTROPY;
  }

  @Override
  public Activation activation(int layer) {
    if (layer < 1 || layer > layers) {
      throw new IllegalArgumentException("layer must be in [1, " + layers + "], got " + layer);
    }
    return layer == layers ? Activation.SOFTMAX : Activation.SIGMOID;
  }

  @Override
  public int parameterCount() {
    return layout.parameterCount();
  }

  @Override
  public void initialize(long seed) {
    double[] parameters = new double[layout.parameterCount()];
    WeightInitializer.initialize(parameters, layout, Activation.SIGMOID, Activation.SOFTMAX, seed);
    setParameters(parameters);
  }

  @Override
  public void getParameters(double[] destination) {
    ArgumentChecks.requireLength("destination", destination, parameterCount(), "parameterCount()");
    for (int l = 1; l <= layers; l++) {
      System.arraycopy(weights[l], 0, destination, layout.weightOffset(l), weights[l].length);
      System.arraycopy(biases[l], 0, destination, layout.biasOffset(l), biases[l].length);
    }
  }

  @Override
  public void setParameters(double[] source) {
    ArgumentChecks.requireLength("source", source, parameterCount(), "parameterCount()");
    ArgumentChecks.requireFinite("source", source, parameterCount());
    for (int l = 1; l <= layers; l++) {
      System.arraycopy(source, layout.weightOffset(l), weights[l], 0, weights[l].length);
      System.arraycopy(source, layout.biasOffset(l), biases[l], 0, biases[l].length);
    }
  }

  @Override
  public void predict(double[] input, double[] output) {
    ArgumentChecks.requireLength("input", input, sizes[0], "inputSize()");
    ArgumentChecks.requireLength("output", output, sizes[layers], "outputSize()");
    forward(input, 0);
    softmax();
    System.arraycopy(activations[layers], 0, output, 0, sizes[layers]);
  }

  /** Mean cross-entropy over the first {@code batchSize} samples, without gradients. */
  public double loss(double[] inputs, int[] labels, int batchSize) {
    checkBatch(inputs, labels, batchSize);
    double loss = 0.0;
    for (int s = 0; s < batchSize; s++) {
      forward(inputs, s * sizes[0]);
      loss += softmaxCrossEntropy(labels[s]);
    }
    return loss / batchSize;
  }

  /** Mean loss over the batch; writes its gradient into {@code gradient} in the flat layout. */
  public double lossAndGradient(double[] inputs, int[] labels, int batchSize, double[] gradient) {
    checkBatch(inputs, labels, batchSize);
    ArgumentChecks.requireLength("gradient", gradient, parameterCount(), "parameterCount()");
    double loss = accumulateGradients(inputs, labels, batchSize);
    double scale = 1.0 / batchSize;
    for (int l = 1; l <= layers; l++) {
      double[] gw = weightGradients[l];
      int offset = layout.weightOffset(l);
      for (int k = 0; k < gw.length; k++) {
        gradient[offset + k] = gw[k] * scale;
      }
      double[] gb = biasGradients[l];
      offset = layout.biasOffset(l);
      for (int i = 0; i < gb.length; i++) {
        gradient[offset + i] = gb[i] * scale;
      }
    }
    return loss;
  }

  /**
   * One plain SGD step on a mini-batch: gradients summed over the batch, then {@code p -=
   * (learningRate / batchSize) * sum}. Returns the batch's mean loss before the update.
   */
  public double trainStep(double[] inputs, int[] labels, int batchSize, double learningRate) {
    checkBatch(inputs, labels, batchSize);
    ArgumentChecks.requireLearningRate(learningRate);
    double loss = accumulateGradients(inputs, labels, batchSize);
    double step = learningRate / batchSize;
    for (int l = 1; l <= layers; l++) {
      double[] w = weights[l];
      double[] gw = weightGradients[l];
      for (int k = 0; k < w.length; k++) {
        w[k] -= step * gw[k];
      }
      double[] b = biases[l];
      double[] gb = biasGradients[l];
      for (int i = 0; i < b.length; i++) {
        b[i] -= step * gb[i];
      }
    }
    return loss;
  }

  private void checkBatch(double[] inputs, int[] labels, int batchSize) {
    ArgumentChecks.requireBatchSize(batchSize);
    ArgumentChecks.requireLength("inputs", inputs, (long) batchSize * sizes[0], "batchSize x inputSize()");
    ArgumentChecks.requireLabels(labels, batchSize, sizes[layers]);
  }

  /** Zeroes the gradient sums, then adds every sample's gradient; returns the mean loss. */
  private double accumulateGradients(double[] inputs, int[] labels, int batchSize) {
    for (int l = 1; l <= layers; l++) {
      Arrays.fill(weightGradients[l], 0.0);
      Arrays.fill(biasGradients[l], 0.0);
    }
    double loss = 0.0;
    for (int s = 0; s < batchSize; s++) {
      forward(inputs, s * sizes[0]);
      loss += softmaxCrossEntropy(labels[s]);
      backward(labels[s]);
    }
    return loss / batchSize;
  }

  /** a_l = W_l z_(l-1) + b_l, one dot product per output unit; z_L is left as the logits. */
  private void forward(double[] inputs, int offset) {
    System.arraycopy(inputs, offset, activations[0], 0, sizes[0]);
    for (int l = 1; l <= layers; l++) {
      double[] w = weights[l];
      double[] b = biases[l];
      double[] in = activations[l - 1];
      double[] out = activations[l];
      int nIn = sizes[l - 1];
      int nOut = sizes[l];
      boolean hidden = l < layers;
      for (int i = 0; i < nOut; i++) {
        double sum = b[i];
        int row = i * nIn;
        for (int j = 0; j < nIn; j++) {
          sum += w[row + j] * in[j];
        }
        out[i] = hidden ? 1.0 / (1.0 + Math.exp(-sum)) : sum;
      }
    }
  }

  /** Turns the logits in z_L into probabilities; the largest logit is subtracted against overflow. */
  private void softmax() {
    double[] z = activations[layers];
    double max = z[0];
    for (int k = 1; k < z.length; k++) {
      max = Math.max(max, z[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    double scale = 1.0 / sum;
    for (int k = 0; k < z.length; k++) {
      z[k] *= scale;
    }
  }

  /**
   * Softmax of the logits in z_L and the sample's loss -log p_label, computed as logSumExp(a) -
   * a_label so that a confident wrong answer gives a large finite loss instead of log(0).
   */
  private double softmaxCrossEntropy(int label) {
    double[] z = activations[layers];
    double max = z[0];
    for (int k = 1; k < z.length; k++) {
      max = Math.max(max, z[k]);
    }
    double labelLogit = z[label];
    double sum = 0.0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    double scale = 1.0 / sum;
    for (int k = 0; k < z.length; k++) {
      z[k] *= scale;
    }
    return max + Math.log(sum) - labelLogit;
  }

  /**
   * Backprop of one sample whose probabilities are in z_L: delta_L = p - y (softmax and
   * cross-entropy fused), dW_l += delta_l z_(l-1)^T, db_l += delta_l, and delta_(l-1) = (W_l^T
   * delta_l) o sigmoid'(a_(l-1)) with sigmoid' = z (1 - z).
   */
  private void backward(int label) {
    double[] output = deltas[layers];
    System.arraycopy(activations[layers], 0, output, 0, output.length);
    output[label] -= 1.0;
    for (int l = layers; l >= 1; l--) {
      double[] delta = deltas[l];
      double[] in = activations[l - 1];
      double[] w = weights[l];
      double[] gw = weightGradients[l];
      double[] gb = biasGradients[l];
      int nIn = sizes[l - 1];
      int nOut = sizes[l];
      for (int i = 0; i < nOut; i++) {
        double d = delta[i];
        gb[i] += d;
        int row = i * nIn;
        for (int j = 0; j < nIn; j++) {
          gw[row + j] += d * in[j];
        }
      }
      if (l > 1) {
        // W^T delta, accumulated row by row so that W is read contiguously, not column-strided.
        double[] previous = deltas[l - 1];
        Arrays.fill(previous, 0.0);
        for (int i = 0; i < nOut; i++) {
          double d = delta[i];
          int row = i * nIn;
          for (int j = 0; j < nIn; j++) {
            previous[j] += w[row + j] * d;
          }
        }
        for (int j = 0; j < nIn; j++) {
          double z = in[j];
          previous[j] *= z * (1.0 - z);
        }
      }
    }
  }
}
