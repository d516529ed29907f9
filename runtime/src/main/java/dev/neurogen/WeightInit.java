package dev.neurogen;

/**
 * A rule for drawing initial weights, chosen per network instance with {@link
 * NeuralNetwork#initialize(long, WeightInit)}. For the weights {@code W_l} feeding layer {@code l},
 * {@code fanIn = n_(l-1)} (the columns of {@code W_l}, the inputs of each unit) and {@code fanOut =
 * n_l} (its rows). Biases always start at zero. The same rule applies to every layer; the default
 * of {@link NeuralNetwork#initialize(long)} instead picks {@link #GLOROT_UNIFORM} or {@link
 * #HE_UNIFORM} layer by layer from its activation ({@link #defaultFor}).
 *
 * <p>The normal rules draw from the plain (not truncated) normal distribution with mean 0 and the
 * standard deviation given, like PyTorch's {@code xavier_normal_} and {@code kaiming_normal_}.
 * Uniform rules draw from {@code U(-limit, limit)}; their standard deviation is {@code limit /
 * sqrt(3)}, the same as the matching normal rule's.
 */
public enum WeightInit {
  /**
   * Glorot/Xavier uniform: {@code U(-limit, limit)} with {@code limit = sqrt(6 / (fanIn +
   * fanOut))}. PyTorch {@code xavier_uniform_} with gain 1. The default for sigmoid, tanh, identity
   * and softmax layers.
   */
  GLOROT_UNIFORM,
  /**
   * Glorot/Xavier normal: {@code N(0, std^2)} with {@code std = sqrt(2 / (fanIn + fanOut))}, not
   * truncated. PyTorch {@code xavier_normal_} with gain 1.
   */
  GLOROT_NORMAL,
  /**
   * He/Kaiming uniform: {@code U(-limit, limit)} with {@code limit = sqrt(6 / fanIn)}. PyTorch
   * {@code kaiming_uniform_(nonlinearity='relu', mode='fan_in')}. The default for ReLU and leaky
   * ReLU layers.
   */
  HE_UNIFORM,
  /**
   * He/Kaiming normal: {@code N(0, std^2)} with {@code std = sqrt(2 / fanIn)}, not truncated.
   * PyTorch {@code kaiming_normal_(nonlinearity='relu', mode='fan_in')}.
   */
  HE_NORMAL,
  /**
   * LeCun normal: {@code N(0, std^2)} with {@code std = sqrt(1 / fanIn)}, not truncated (Keras's
   * {@code lecun_normal} truncates; this does not).
   */
  LECUN_NORMAL;

  /** The rule {@link NeuralNetwork#initialize(long)} uses for a layer with this activation. */
  public static WeightInit defaultFor(Activation activation) {
    return activation.usesHeInitialisation() ? HE_UNIFORM : GLOROT_UNIFORM;
  }

  /** Whether the weights are drawn from a normal (rather than uniform) distribution. */
  public boolean isNormal() {
    return this == GLOROT_NORMAL || this == HE_NORMAL || this == LECUN_NORMAL;
  }

  /**
   * The standard deviation of the drawn weights for these fans: for the normal rules the {@code
   * std} above; for the uniform ones {@code limit / sqrt(3)}.
   */
  public double standardDeviation(int fanIn, int fanOut) {
    switch (this) {
      case GLOROT_UNIFORM:
      case GLOROT_NORMAL:
        return Math.sqrt(2.0 / (fanIn + fanOut));
      case HE_UNIFORM:
      case HE_NORMAL:
        return Math.sqrt(2.0 / fanIn);
      case LECUN_NORMAL:
        return Math.sqrt(1.0 / fanIn);
      default:
        throw new AssertionError(this);
    }
  }

  /** For the uniform rules, the {@code limit} of {@code U(-limit, limit)}; NaN for the normal ones. */
  public double uniformLimit(int fanIn, int fanOut) {
    switch (this) {
      case GLOROT_UNIFORM:
        return Math.sqrt(6.0 / (fanIn + fanOut));
      case HE_UNIFORM:
        return Math.sqrt(6.0 / fanIn);
      default:
        return Double.NaN;
    }
  }
}
