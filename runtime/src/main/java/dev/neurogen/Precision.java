package dev.neurogen;

/**
 * The floating-point type of a generated network's arithmetic: its parameters, activations,
 * gradients and scratch buffers, and the arrays of its hot methods.
 */
public enum Precision {
  /**
   * 64-bit {@code double} throughout; the class implements {@link NeuralNetwork} and the double
   * training interfaces ({@link Classifier}, {@link TargetTrainable}). The default.
   */
  DOUBLE,
  /**
   * 32-bit {@code float} throughout: half the memory traffic and, with {@code
   * codeStyle = VECTOR_API}, twice the lanes per vector. The class implements {@link FloatNetwork}
   * and the float training interfaces ({@link FloatClassifier}, {@link FloatTargetTrainable}),
   * whose hot methods take {@code float[]}. Results agree with a {@code DOUBLE} twin to about
   * 1e-5 relative per layer (float rounding, and {@code exp}, {@code log} and {@code tanh}
   * computed in double and rounded to float).
   */
  FLOAT
}
