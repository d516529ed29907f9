package dev.neurogen;

import dev.neurogen.optim.OptimizerState;

/**
 * A network trained on integer class labels ({@link Loss#CROSS_ENTROPY} and {@link Loss#HINGE}).
 * Batches are row-major: sample {@code s} occupies {@code inputs[s * inputSize() .. (s + 1) *
 * inputSize())}; {@code labels[s]} is in {@code [0, outputSize())}.
 */
public interface Classifier extends NeuralNetwork {

  /** The index of the largest output for one sample (the lowest index on ties). */
  int classify(double[] input);

  /**
   * Classifies {@code batchSize} samples at once: {@code labels[s]} gets the index of the largest
   * output of the sample at {@code inputs[s * inputSize() .. (s + 1) * inputSize())}, the same as
   * {@link #classify(double[])} row by row. Generated classes run the batch kernels and allocate
   * nothing; this default, for other implementations, classifies row by row.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1} or an array is too short
   */
  default void classify(double[] inputs, int[] labels, int batchSize) {
    int in = inputSize();
    ArgumentChecks.requireBatchSize(batchSize);
    ArgumentChecks.requireLength("inputs", inputs, (long) batchSize * in, "batchSize x inputSize()");
    ArgumentChecks.requireLength("labels", labels, batchSize, "batchSize");
    double[] input = new double[in];
    for (int s = 0; s < batchSize; s++) {
      System.arraycopy(inputs, s * in, input, 0, in);
      labels[s] = classify(input);
    }
  }

  /** Mean loss over the first {@code batchSize} samples, without computing gradients. */
  double loss(double[] inputs, int[] labels, int batchSize);

  /**
   * Mean loss over the batch; writes its gradient for every parameter into {@code gradient} in
   * the flat layout, and, if {@code inputGradient} is not null, its gradient with respect to each
   * input into {@code inputGradient} (row-major, batchSize x inputSize()).
   */
  double lossAndGradient(
      double[] inputs, int[] labels, int batchSize, double[] gradient, double[] inputGradient);

  /** {@link #lossAndGradient(double[], int[], int, double[], double[])} without input gradient. */
  default double lossAndGradient(double[] inputs, int[] labels, int batchSize, double[] gradient) {
    return lossAndGradient(inputs, labels, batchSize, gradient, null);
  }

  /**
   * One step of plain SGD on a mini-batch: forward, backward, then {@code p -= learningRate *
   * gradient}. Returns the batch's mean loss before the update.
   *
   * @throws TrainingDivergedException if the loss or an updated parameter would not be finite;
   *     the parameters are then exactly as before the call
   */
  double trainStep(double[] inputs, int[] labels, int batchSize, double learningRate);

  /**
   * One optimizer step on a mini-batch: forward, backward, then the update rule of {@code
   * optimizer} (SGD with momentum, Adam, AdamW, RMSProp; see {@link dev.neurogen.optim}) applied
   * in place to this network's own parameter arrays. Returns the batch's mean loss before the
   * update. The first call binds {@code optimizer} to this network's storage and allocates its
   * moments; later calls allocate nothing. Use one {@link OptimizerState} per network instance.
   *
   * @throws TrainingDivergedException if the loss, an updated parameter or a moment would not be
   *     finite; the parameters and the optimizer's state are then exactly as before the call
   * @throws IllegalStateException if {@code optimizer} is bound to a network of another shape
   */
  double trainStep(double[] inputs, int[] labels, int batchSize, OptimizerState optimizer);
}
