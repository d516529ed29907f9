package dev.neurogen;

/**
 * A generated network with {@code precision = Precision.FLOAT}: the single-precision counterpart of
 * {@link NeuralNetwork}. Its parameters, activations and gradients are {@code float}, and so are
 * the arrays of the hot methods ({@code predict}, and the training methods of {@link
 * FloatClassifier} and {@link FloatTargetTrainable}), so that calling them converts nothing and
 * allocates nothing.
 *
 * <p>It is a separate interface rather than {@code NeuralNetwork} with extra overloads because a
 * float network cannot honour {@code NeuralNetwork}'s {@code double[]} hot methods without a
 * conversion (a copy per call, or rounding its caller's data behind its back), and code written
 * against {@code NeuralNetwork} should not silently lose precision. What the two share is the
 * layout: {@link #layerSizes()}, {@link #parameterCount()} and the flat parameter layout ({@link
 * ParameterLayout}) are the same for the same {@code layers}, so parameters move between a float
 * network and its double twin with {@link #getParameters(double[])} (exact widening) and {@link
 * #setParameters(double[])} (rounding to the nearest float).
 */
public interface FloatNetwork {
  /** The layer sizes, input first (a copy). */
  int[] layerSizes();

  /** Number of inputs. */
  int inputSize();

  /** Number of outputs. */
  int outputSize();

  /** Number of weights and biases: the length of the flat parameter array. */
  int parameterCount();

  /** The loss this network was declared with (so files and tools can record and check it). */
  Loss loss();

  /**
   * The activation of layer {@code layer}, 1 for the first hidden layer up to {@code
   * layerSizes().length - 1} for the output layer.
   *
   * @throws IllegalArgumentException if {@code layer} is outside {@code [1, layerSizes().length - 1]}
   */
  Activation activation(int layer);

  /**
   * Forward pass of one sample.
   *
   * @param input exactly {@link #inputSize()} values, all finite
   * @param output receives exactly {@link #outputSize()} values
   */
  void predict(float[] input, float[] output);

  /**
   * Forward pass of {@code batchSize} row-major samples into row-major outputs, on the batch
   * kernels; the same results as {@link #predict(float[], float[])} row by row.
   */
  void predict(float[] inputs, float[] outputs, int batchSize);

  /** Copies the parameters, in the flat layout, into {@code destination} (exactly {@link #parameterCount()} values). */
  void getParameters(float[] destination);

  /** Replaces the parameters with {@code source} (flat layout, exactly {@link #parameterCount()} finite values). */
  void setParameters(float[] source);

  /**
   * The parameters widened to {@code double} (exact), for tools that work in double: model files,
   * {@link GradientCheck}, a double twin's {@code setParameters}. Allocates a temporary float
   * array; not for hot loops.
   */
  default void getParameters(double[] destination) {
    ArgumentChecks.requireExactLength("destination", destination, parameterCount(), "parameterCount()");
    float[] values = new float[parameterCount()];
    getParameters(values);
    for (int k = 0; k < values.length; k++) {
      destination[k] = values[k];
    }
  }

  /**
   * Replaces the parameters with {@code source} rounded to the nearest {@code float} (a value
   * beyond float's range, about 3.4e38, is rejected as not finite after rounding). Allocates a
   * temporary float array; not for hot loops.
   */
  default void setParameters(double[] source) {
    ArgumentChecks.requireExactLength("source", source, parameterCount(), "parameterCount()");
    float[] values = new float[source.length];
    for (int k = 0; k < values.length; k++) {
      values[k] = (float) source[k];
    }
    setParameters(values);
  }

  /** Seeded initial weights: the same draws as a double network's, rounded to float. */
  void initialize(long seed);

  /**
   * Initial weights by one rule of {@link WeightInit} for every layer, drawn in double exactly as
   * for a double network and rounded to float.
   */
  default void initialize(long seed, WeightInit init) {
    double[] parameters = new double[parameterCount()];
    WeightInitializer.initialize(parameters, ParameterLayout.of(layerSizes()), init, seed);
    setParameters(parameters);
  }
}
