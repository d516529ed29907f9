package dev.neurogen;

/**
 * A float network ({@code precision = Precision.FLOAT}) trained with target rows: the
 * single-precision counterpart of {@link TargetTrainable}, with {@code float[]} inputs, targets,
 * gradients and losses. The loss is accumulated in float over the batch.
 */
public interface FloatTargetTrainable extends FloatNetwork {
  /** Mean loss over a batch, parameters unchanged. */
  float loss(float[] inputs, float[] targets, int batchSize);

  /**
   * Mean loss; writes its gradient in the flat layout into {@code gradient} and, if {@code
   * inputGradient} is not null, the gradient with respect to each input into it (row-major).
   */
  float lossAndGradient(float[] inputs, float[] targets, int batchSize, float[] gradient, float[] inputGradient);

  /** {@link #lossAndGradient(float[], float[], int, float[], float[])} without the input gradient. */
  default float lossAndGradient(float[] inputs, float[] targets, int batchSize, float[] gradient) {
    return lossAndGradient(inputs, targets, batchSize, gradient, null);
  }

  /**
   * One step of plain SGD on the batch; returns the batch's mean loss before the step. Guarded
   * like the double version: a non-finite loss or update throws {@link TrainingDivergedException}
   * and leaves the parameters unchanged.
   */
  float trainStep(float[] inputs, float[] targets, int batchSize, float learningRate);
}
