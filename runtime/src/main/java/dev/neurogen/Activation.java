package dev.neurogen;

/** Activation functions f applied element-wise (SOFTMAX: over the whole output layer). */
public enum Activation {
  /** 1 / (1 + e^-a); Glorot/Xavier initialisation. */
  SIGMOID,
  /** tanh(a); Glorot/Xavier initialisation. */
  TANH,
  /** max(0, a); He initialisation. */
  RELU,
  /** a for a &gt; 0, else 0.01 a; He initialisation. */
  LEAKY_RELU,
  /** a; Glorot/Xavier initialisation. */
  IDENTITY,
  /** e^a_k / sum_j e^a_j over the output layer; only valid as the output activation. */
  SOFTMAX;

  /** Whether weights feeding a layer with this activation use He (rather than Glorot) scaling. */
  boolean usesHeInitialisation() {
    return this == RELU || this == LEAKY_RELU;
  }
}
