package dev.neurogen.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Precision;
import dev.neurogen.processor.plan.NetworkPlan;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The element type of the generated arithmetic ({@code double} or {@code float}), as the writers
 * need it: the JavaPoet types of scalars, arrays and vectors, the runtime classes that differ by
 * precision, and {@link #code(String)}, which adapts a code format written for {@code double}.
 *
 * <p>The writers are written once, in double: their format strings say {@code "double[] x = $N[s]"},
 * {@code "sum = 0.0"}, {@code "$T.exp(a)"}. For a float network {@link #code(String)} turns the
 * primitive {@code double} into {@code float}, {@code Double} into {@code Float}, decimal literals
 * into float literals ({@code 0.0f}) and {@code $T.exp/log/log1p/tanh(} (which exist only in double)
 * into {@code (float) $T.exp(} and so on. Only format strings pass through it, never arguments, so
 * names of fields and methods are never rewritten. For a double network it returns the format
 * unchanged, so double networks' code is exactly what it was.
 */
final class ElementType {
  private static final Pattern PRIMITIVE = Pattern.compile("\\bdouble\\b");
  private static final Pattern BOXED = Pattern.compile("\\bDouble\\b");
  private static final Pattern LITERAL = Pattern.compile("(?<![\\w.$])(\\d+\\.\\d+)(?![\\w.])");
  private static final Pattern DOUBLE_ONLY_MATH = Pattern.compile("\\$T\\.(exp|log|log1p|tanh|sqrt)\\(");

  static final ElementType DOUBLE = new ElementType(Precision.DOUBLE);
  static final ElementType FLOAT = new ElementType(Precision.FLOAT);

  private final Precision precision;

  private ElementType(Precision precision) {
    this.precision = precision;
  }

  static ElementType of(NetworkPlan plan) {
    return plan.model().precision() == Precision.FLOAT ? FLOAT : DOUBLE;
  }

  boolean isFloat() {
    return precision == Precision.FLOAT;
  }

  /** {@code double} or {@code float}. */
  TypeName scalar() {
    return isFloat() ? TypeName.FLOAT : TypeName.DOUBLE;
  }

  /** {@code double[]} or {@code float[]}. */
  TypeName array() {
    return ArrayTypeName.of(scalar());
  }

  /** {@code double[][]} or {@code float[][]}. */
  TypeName matrix() {
    return ArrayTypeName.of(array());
  }

  /** {@code Double} or {@code Float}, e.g. for {@code VectorSpecies<Double>}. */
  ClassName boxed() {
    return isFloat() ? ClassName.get(Float.class) : ClassName.get(Double.class);
  }

  /** {@code DoubleVector} or {@code FloatVector} of the Vector API. */
  ClassName vector() {
    return ClassName.get("jdk.incubator.vector", isFloat() ? "FloatVector" : "DoubleVector");
  }

  /** The runtime's guarded updates for this element type. */
  ClassName updates() {
    return ClassName.get("dev.neurogen.optim", isFloat() ? "FloatUpdates" : "Updates");
  }

  /**
   * The class whose {@code exp} the generated scalar code calls: the runtime's {@code NeuralMath}
   * for double (inlinable, within 1 ulp of {@code Math.exp}, and much cheaper than the C2 stub call
   * of {@code Math.exp} in small networks), {@code Math} for float ({@code (float) Math.exp(a)},
   * correctly rounded to float in almost every case).
   */
  ClassName expClass() {
    return isFloat() ? ClassName.get(Math.class) : ClassName.get("dev.neurogen", "NeuralMath");
  }

  /** The name in prose and Javadoc: "double" or "float". */
  String word() {
    return isFloat() ? "float" : "double";
  }

  /** A code format written for double, adapted to this element type (see the class comment). */
  String code(String format) {
    if (!isFloat()) {
      return format;
    }
    String s = PRIMITIVE.matcher(format).replaceAll("float");
    s = BOXED.matcher(s).replaceAll("Float");
    s = LITERAL.matcher(s).replaceAll("$1f");
    Matcher math = DOUBLE_ONLY_MATH.matcher(s);
    return math.replaceAll(m -> Matcher.quoteReplacement("(float) $T." + m.group(1) + "("));
  }
}
