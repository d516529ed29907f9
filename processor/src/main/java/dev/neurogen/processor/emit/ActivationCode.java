package dev.neurogen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Activation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * How each element-wise activation and its derivative are written. Derivatives are taken from the
 * activation's output z = f(a), which the forward pass kept: sigmoid' = z (1 - z), tanh' = 1 - z^2,
 * and the ReLU family's slope depends only on the sign, which z shares with a.
 */
final class ActivationCode {
  private ActivationCode() {}

  /** f(a) for an element-wise activation. */
  static CodeBlock apply(ElementType element, Activation activation, CodeBlock a) {
    switch (activation) {
      case SIGMOID:
        return CodeBlock.of("sigmoid($L)", a);
      case TANH:
        return CodeBlock.of(element.code("$T.tanh($L)"), Math.class, a);
      case RELU:
        return CodeBlock.of("relu($L)", a);
      case LEAKY_RELU:
        return CodeBlock.of("leakyRelu($L)", a);
      case IDENTITY:
        return a;
      default:
        throw new IllegalArgumentException(activation + " is not element-wise");
    }
  }

  /** {@code value * f'(a)} written with the output z = f(a); just {@code value} for identity. */
  static CodeBlock timesSlope(Activation activation, CodeBlock value, CodeBlock z) {
    switch (activation) {
      case SIGMOID:
        return CodeBlock.of("$L * sigmoidSlope($L)", value, z);
      case TANH:
        return CodeBlock.of("$L * tanhSlope($L)", value, z);
      case RELU:
        return CodeBlock.of("$L * reluSlope($L)", value, z);
      case LEAKY_RELU:
        return CodeBlock.of("$L * leakyReluSlope($L)", value, z);
      case IDENTITY:
        return value;
      default:
        throw new IllegalArgumentException(activation + " is not element-wise");
    }
  }

  /** The private static helpers that the given activations need (the JIT inlines them). */
  static List<MethodSpec> helpers(ElementType element, Set<Activation> activations) {
    Set<Activation> used = activations.isEmpty() ? EnumSet.noneOf(Activation.class) : EnumSet.copyOf(activations);
    List<MethodSpec> methods = new ArrayList<>();
    if (used.contains(Activation.SIGMOID)) {
      methods.add(helper(element, "sigmoid", "a", "Logistic sigmoid 1 / (1 + e^-a).", element.code("1.0 / (1.0 + $T.exp(-a))"), element.expClass()));
      methods.add(helper(element, "sigmoidSlope", "z", "Derivative of the sigmoid, from its output z = sigmoid(a).", element.code("z * (1.0 - z)")));
    }
    if (used.contains(Activation.TANH)) {
      methods.add(helper(element, "tanhSlope", "z", "Derivative of tanh, from its output z = tanh(a).", element.code("1.0 - z * z")));
    }
    if (used.contains(Activation.RELU)) {
      methods.add(helper(element, "relu", "a", "max(0, a).", element.code("a > 0.0 ? a : 0.0")));
      methods.add(helper(element, "reluSlope", "z", "Derivative of ReLU, from its output (positive exactly where a is).", element.code("z > 0.0 ? 1.0 : 0.0")));
    }
    if (used.contains(Activation.LEAKY_RELU)) {
      methods.add(helper(element, "leakyRelu", "a", "a for a > 0, else 0.01 a.", element.code("a > 0.0 ? a : 0.01 * a")));
      methods.add(helper(element, "leakyReluSlope", "z", "Derivative of leaky ReLU, from its output (same sign as a).", element.code("z > 0.0 ? 1.0 : 0.01")));
    }
    return methods;
  }

  private static MethodSpec helper(ElementType element, String name, String parameter, String doc, String body, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(element.scalar())
        .addParameter(element.scalar(), parameter)
        .addStatement("return " + body, args)
        .build();
  }
}
