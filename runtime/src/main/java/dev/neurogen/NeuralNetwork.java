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

  /** Copies all parameters into {@code destination[0 .. parameterCount())} in the flat layout. */
  void getParameters(double[] destination);

  /**
   * Replaces all parameters from {@code source[0 .. parameterCount())} in the flat layout.
   *
   * @throws IllegalArgumentException if the array is too short or holds NaN or infinity
   */
  void setParameters(double[] source);

  /**
   * Re-initialises the parameters from a seed: Glorot/Xavier uniform for layers with sigmoid,
   * tanh, identity or softmax activation, He uniform for ReLU and leaky ReLU, zero biases. The same
   * seed always gives the same weights.
   */
  void initialize(long seed);
}
