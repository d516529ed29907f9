package dev.neurogen;

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
}
