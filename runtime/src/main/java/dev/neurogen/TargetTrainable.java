package dev.neurogen;

import dev.neurogen.optim.OptimizerState;

/**
 * A network trained on real-valued target rows ({@link Loss#MSE}, {@link
 * Loss#BINARY_CROSS_ENTROPY}, and soft labels for {@link Loss#CROSS_ENTROPY}). Batches are
 * row-major: sample {@code s} occupies {@code inputs[s * inputSize() .. (s + 1) * inputSize())} and
 * {@code targets[s * outputSize() .. (s + 1) * outputSize())}.
 */
public interface TargetTrainable extends NeuralNetwork {

  /** Mean loss over the first {@code batchSize} samples, without computing gradients. */
  double loss(double[] inputs, double[] targets, int batchSize);

  /**
   * Mean loss over the batch; writes its gradient for every parameter into {@code gradient} in
   * the flat layout, and, if {@code inputGradient} is not null, its gradient with respect to each
   * input into {@code inputGradient} (row-major, batchSize x inputSize()).
   */
  double lossAndGradient(
      double[] inputs, double[] targets, int batchSize, double[] gradient, double[] inputGradient);

  /** {@link #lossAndGradient(double[], double[], int, double[], double[])} without input gradient. */
  default double lossAndGradient(
      double[] inputs, double[] targets, int batchSize, double[] gradient) {
    return lossAndGradient(inputs, targets, batchSize, gradient, null);
  }

  /**
   * One step of plain SGD on a mini-batch: forward, backward, then {@code p -= learningRate *
   * gradient}. Returns the batch's mean loss before the update.
   *
   * @throws TrainingDivergedException if the loss or an updated parameter would not be finite;
   *     the parameters are then exactly as before the call
   */
  double trainStep(double[] inputs, double[] targets, int batchSize, double learningRate);

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
  double trainStep(double[] inputs, double[] targets, int batchSize, OptimizerState optimizer);
}
