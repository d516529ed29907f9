package dev.neurogen;

import dev.neurogen.optim.OptimizerState;

/**
 * A float network ({@code precision = Precision.FLOAT}) trained with class labels: the
 * single-precision counterpart of {@link Classifier}, with {@code float[]} inputs, gradients and
 * losses. The loss is accumulated in float over the batch.
 */
public interface FloatClassifier extends FloatNetwork {
  /** The index of the largest output for one sample. */
  int classify(float[] input);

  /** {@link #classify(float[])} for {@code batchSize} row-major samples, on the batch kernels. */
  void classify(float[] inputs, int[] labels, int batchSize);

  /** Mean loss over a batch, parameters unchanged. */
  float loss(float[] inputs, int[] labels, int batchSize);

  /**
   * Mean loss; writes its gradient in the flat layout into {@code gradient} and, if {@code
   * inputGradient} is not null, the gradient with respect to each input into it (row-major).
   */
  float lossAndGradient(float[] inputs, int[] labels, int batchSize, float[] gradient, float[] inputGradient);

  /** {@link #lossAndGradient(float[], int[], int, float[], float[])} without the input gradient. */
  default float lossAndGradient(float[] inputs, int[] labels, int batchSize, float[] gradient) {
    return lossAndGradient(inputs, labels, batchSize, gradient, null);
  }

  /**
   * One step of plain SGD on the batch; returns the batch's mean loss before the step. Guarded
   * like the double version: a non-finite loss or update throws {@link TrainingDivergedException}
   * and leaves the parameters unchanged.
   */
  float trainStep(float[] inputs, int[] labels, int batchSize, float learningRate);

  /**
   * One optimizer step on a mini-batch: forward, backward, then the update rule of {@code
   * optimizer} (SGD with momentum, Adam, AdamW, RMSProp; see {@link dev.neurogen.optim}) applied
   * in place to this network's own float parameter arrays, with float moments and float
   * arithmetic. Returns the batch's mean loss before the update. The first call binds {@code
   * optimizer} to this network's storage as a float state and allocates its moments; later calls
   * allocate nothing. Use one {@link OptimizerState} per network instance (a float network and its
   * double twin need one each); its snapshot holds the float moments widened to double.
   *
   * @throws TrainingDivergedException if the loss, an updated parameter or a moment would not be
   *     finite; the parameters and the optimizer's state are then exactly as before the call
   * @throws IllegalStateException if {@code optimizer} is bound to a network of another shape or
   *     to a double network
   */
  float trainStep(float[] inputs, int[] labels, int batchSize, OptimizerState optimizer);
}
