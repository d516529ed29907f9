package dev.neurogen;

/**
 * What every generated network offers: the forward pass, its shape, and its parameters in the
 * public flat layout {@code W_1 (row-major), b_1, W_2, b_2, ..., W_L, b_L} (see {@link
 * ParameterLayout}).
 *
 * <p>An instance owns its scratch buffers, so it is <b>not thread-safe</b>. Give each thread its own
 * instance (for example through {@code ThreadLocal.withInitial(() -> new MyNetImpl(seed))}) and
 * copy trained parameters between instances with {@link #getParameters} and {@link
 * #setParameters}.
 */
public interface NeuralNetwork {

  /** A copy of the layer sizes, input first. */
  int[] layerSizes();

  /** Number of inputs, {@code layerSizes()[0]}. */
  int inputSize();

  /** Number of outputs, the last layer size. */
  int outputSize();

  /** Number of weights and biases, the length of the flat parameter and gradient arrays. */
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

  /** Forward pass for one sample: writes the output activations into {@code output}. */
  void predict(double[] input, double[] output);

  /**
   * Forward pass for {@code batchSize} samples at once: sample {@code s} is read from {@code
   * inputs[s * inputSize() .. (s + 1) * inputSize())} and its outputs are written to {@code
   * outputs[s * outputSize() .. (s + 1) * outputSize())}. The results are those of {@link
   * #predict(double[], double[])} row by row. Generated classes run the batch kernels that training
   * uses (blocks of samples share each loaded weight, which is much faster per sample on large
   * layers) and allocate nothing; this default, for other implementations, predicts row by row.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1} or an array is too short
   */
  default void predict(double[] inputs, double[] outputs, int batchSize) {
    int in = inputSize();
    int out = outputSize();
    ArgumentChecks.requireBatchSize(batchSize);
    ArgumentChecks.requireLength("inputs", inputs, (long) batchSize * in, "batchSize x inputSize()");
    ArgumentChecks.requireLength("outputs", outputs, (long) batchSize * out, "batchSize x outputSize()");
    double[] input = new double[in];
    double[] output = new double[out];
    for (int s = 0; s < batchSize; s++) {
      System.arraycopy(inputs, s * in, input, 0, in);
      predict(input, output);
      System.arraycopy(output, 0, outputs, s * out, out);
    }
  }

  /** Copies all parameters into {@code destination[0 .. parameterCount())} in the flat layout. */
  void getParameters(double[] destination);

  /**
   * Replaces all parameters from {@code source[0 .. parameterCount())} in the flat layout.
   *
   * @throws IllegalArgumentException if the array is too short or holds NaN or infinity
   */
  void setParameters(double[] source);

  /**
   * Re-initialises the parameters from a seed, each layer by the rule that suits its activation:
   * Glorot/Xavier uniform ({@link WeightInit#GLOROT_UNIFORM}) for layers with sigmoid, tanh,
   * identity or softmax activation, He uniform ({@link WeightInit#HE_UNIFORM}) for ReLU and leaky
   * ReLU, zero biases. The same seed always gives the same weights. The generated constructor
   * calls this. To choose another rule, see {@link #initialize(long, WeightInit)}.
   */
  void initialize(long seed);

  /**
   * Re-initialises the parameters from a seed by one rule for every layer (see {@link WeightInit}
   * for the formulas), with zero biases. The same seed and rule always give the same weights;
   * {@code initialize(seed, WeightInit.HE_UNIFORM)} on a network whose layers all use ReLU gives
   * exactly the weights of {@link #initialize(long) initialize(seed)}.
   *
   * @throws NullPointerException if {@code init} is null
   */
  default void initialize(long seed, WeightInit init) {
    double[] parameters = new double[parameterCount()];
    WeightInitializer.initialize(parameters, ParameterLayout.of(layerSizes()), init, seed);
    setParameters(parameters);
  }
}
