package dev.neurogen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a fixed multilayer perceptron. Put it on an interface; during {@code javac} the neurogen
 * processor generates a final class {@code <Name>Impl} (nested names joined with {@code _}, e.g.
 * {@code Outer_InnerImpl}) in the same package that implements the interface and is specialised to
 * exactly this topology.
 *
 * <pre>{@code
 * @Network(layers = {4, 8, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)
 * public interface IrisNet extends Classifier {}
 *
 * IrisNet net = new IrisNetImpl(42);   // seeded initial weights
 * }</pre>
 *
 * <p>Layer {@code l} computes {@code a_l = W_l z_(l-1) + b_l} and {@code z_l = f_l(a_l)} with
 * {@code z_0 = x}; {@code W_l} has {@code layers[l]} rows and {@code layers[l-1]} columns.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {

  /** All layer sizes, input first and output last; at least two, each at least 1. */
  int[] layers();

  /**
   * Activation of every hidden layer. Must not be {@link Activation#SOFTMAX}. To give each hidden
   * layer its own, use {@link #hiddenActivations} instead (not both).
   */
  Activation activation() default Activation.SIGMOID;

  /**
   * One activation per hidden layer, the first hidden layer's first, as an alternative to {@link
   * #activation}: {@code layers = {784, 128, 64, 32, 10}, hiddenActivations = {RELU, RELU, TANH}}.
   * Leave it out to use {@link #activation} for every hidden layer. When given, it must have exactly
   * {@code layers.length - 2} values, none of them {@link Activation#SOFTMAX}, and {@code
   * activation} must not be written as well. The output layer's activation is {@link
   * #outputActivation}.
   */
  Activation[] hiddenActivations() default {};

  /**
   * Activation of the output layer. Leave empty to take the one that fits the loss: SOFTMAX for
   * CROSS_ENTROPY, SIGMOID for BINARY_CROSS_ENTROPY, IDENTITY for MSE and HINGE. At most one value.
   */
  Activation[] outputActivation() default {};

  /** The per-sample loss; a batch's loss is the mean over its samples. */
  Loss loss();

  /**
   * How large layers are written: portable Java loops (default), or the Java Vector API, which
   * needs {@code --add-modules jdk.incubator.vector} at compile and run time.
   */
  CodeStyle codeStyle() default CodeStyle.PORTABLE;

  /**
   * The floating-point type of the generated arithmetic: {@code double} (default) or {@code float}.
   * A {@code FLOAT} network implements {@link FloatNetwork} and the float training interfaces
   * ({@code float[]} arguments) instead of {@link NeuralNetwork}; see {@link Precision}.
   */
  Precision precision() default Precision.DOUBLE;
}
