package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagnostic of the processor, through real javac: the text carries the stable tag and javac
 * points at the right line. Problems with the element itself point at its {@code @Network}
 * annotation; problems with one attribute point at that attribute's value, and a bad layer size
 * at that very size.
 */
class DiagnosticsTest {

  // ------------------------------------------------------------------ what carries @Network

  @Test
  void networkOnAClass() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public class Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkNotInterface]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("Foo is a class");
  }

  @Test
  void networkOnAnEnum() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public enum Foo { A }");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkNotInterface]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("Foo is an enum");
  }

  @Test
  void networkOnAnAnnotationType() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public @interface Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkNotInterface]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("Foo is an annotation type");
  }

  @Test
  void networkOnARecord() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public record Foo(int x) {}");
    assertSingleError(compile(file), "[NetworkNotInterface]", file, "@Network(");
  }

  // ------------------------------------------------------------------ layers

  @Test
  void oneLayerSizeIsTooFew() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {3},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkTooFewLayers]", file, "layers = {3}");
  }

  @Test
  void noLayerSizesIsTooFew() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkTooFewLayers]", file, "layers = {}");
  }

  @Test
  void sizeBelowOnePointsAtTheSize() {
    String line = "@Network(layers = {4, 0, 3}, loss = Loss.MSE)";
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            line,
            "public interface Foo {}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[NetworkLayerSize]")
        .inFile(file)
        .onLine(3)
        .atColumn(line.indexOf("0,") + 1);
  }

  /** Written over several lines, each bad size is reported on its own line. */
  @Test
  void sizesBelowOneOverSeveralLinesPointAtTheirOwnLines() {
    JavaFileObject file =
        source("p.Foo",
            "package p;", //             1
            "import dev.neurogen.*;", // 2
            "@Network(", //              3
            "    layers = {", //         4
            "        4,", //             5
            "        0,", //             6
            "        8,", //             7
            "        -2,", //            8
            "        3},", //            9
            "    loss = Loss.MSE)", //  10
            "public interface Foo {}"); // 11
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("[NetworkLayerSize] layers[1] is 0").inFile(file).onLine(6);
    assertThat(compilation).hadErrorContaining("[NetworkLayerSize] layers[3] is -2").inFile(file).onLine(8);
  }

  @Test
  void tooManyParameters() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {50000, 50000},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkTooLarge]", file, "layers = {50000, 50000}");
  }

  /** One weight layer more than {@code NetworkRules.MAX_WEIGHT_LAYERS} (1,000): 1,002 sizes. */
  @Test
  void tooManyLayers() {
    StringBuilder sizes = new StringBuilder("4");
    for (int i = 1; i < 1002; i++) {
      sizes.append(", 4");
    }
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {" + sizes + "},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkTooDeep]", file, "layers = {4, 4");
    assertThat(compilation).hadErrorContaining("layers lists 1,002 sizes, that is 1,001 weight layers, more than the 1,000");
    assertThat(compilation).hadErrorContaining("Use at most 1,000 weight layers (1,001 sizes)");
  }

  /**
   * The 2.1-billion-parameter network of issue 7 compiles with a warning stating its memory. By
   * hand: P = 46,000 * 46,000 + 46,000 = 2,116,046,000 parameters; parameters and gradient
   * accumulators 2 * 8 * P = 33,856,736,000 bytes (one layer, no row mirror); scratch for a block
   * of 32 samples: inputs, input deltas, outputs, output deltas, logits and targets, 6 * 32 * 46,000
   * doubles = 70,656,000 bytes; initialize's flat array 8 * P = 16,928,368,000 bytes: in all
   * 50,855,760,000 bytes = 47.4 GiB while constructing, 33,927,392,000 bytes = 31.6 GiB after.
   */
  @Test
  void hugeInstanceGetsAMemoryWarning() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {46000, 46000},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).withOptions("-Aneurogen.costReport=false")
        .compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("[NetworkMemory] one instance of Foo needs 47.4 GiB of heap while it is constructed"
            + " and 31.6 GiB after (2,116,046,000 parameters: parameters, gradient accumulators and row mirrors"
            + " 33,856,736,000 bytes, scratch buffers 70,656,000 bytes")
        .inFile(file).onLineContaining("layers = {46000, 46000}");
    assertThat(compilation).hadWarningContaining("above the warning threshold of 1.0 GiB");
    assertThat(compilation).generatedSourceFile("p.FooImpl");
  }

  /**
   * The threshold is an option, in megabytes: 1 MB catches a 1000-1000 network (8 MB of
   * parameters), and a value that is not a number is itself a warning and leaves the default.
   */
  @Test
  void memoryWarningThresholdIsAnOption() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {1000, 1000}, loss = Loss.MSE)",
            "public interface Foo {}");
    Compilation low = javac().withProcessors(new NetworkProcessor())
        .withOptions("-Aneurogen.costReport=false", "-Aneurogen.memoryWarningMegabytes=1").compile(file);
    assertThat(low).succeeded();
    assertThat(low).hadWarningCount(1);
    assertThat(low).hadWarningContaining("[NetworkMemory] one instance of Foo needs").inFile(file)
        .onLineContaining("layers = {1000, 1000}");
    assertThat(low).hadWarningContaining("above the warning threshold of 1.0 MiB");

    Compilation bad = javac().withProcessors(new NetworkProcessor())
        .withOptions("-Aneurogen.costReport=false", "-Aneurogen.memoryWarningMegabytes=lots").compile(file);
    assertThat(bad).succeeded();
    assertThat(bad).hadWarningCount(1);
    assertThat(bad).hadWarningContaining(
        "[NetworkOption] the processor option -Aneurogen.memoryWarningMegabytes=lots is not valid");
  }

  // ------------------------------------------------------------------ activations and loss

  @Test
  void softmaxAsHiddenActivation() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {4, 8, 3},",
            "    activation = Activation.SOFTMAX,",
            "    loss = Loss.CROSS_ENTROPY)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkSoftmaxHidden]", file, "activation = Activation.SOFTMAX");
  }

  // ------------------------------------------------------------------ hiddenActivations

  @Test
  void softmaxInHiddenActivationsPointsAtThatValue() {
    JavaFileObject file =
        source("p.Foo",
            "package p;", //                                     1
            "import dev.neurogen.*;", //                         2
            "@Network(", //                                      3
            "    layers = {4, 8, 6, 3},", //                     4
            "    hiddenActivations = {", //                      5
            "        Activation.RELU,", //                       6
            "        Activation.SOFTMAX},", //                   7
            "    loss = Loss.CROSS_ENTROPY)", //                 8
            "public interface Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkSoftmaxHidden]", file, "Activation.SOFTMAX}");
    assertThat(compilation).hadErrorContaining("hiddenActivations[1] is SOFTMAX").inFile(file).onLine(7);
  }

  @Test
  void hiddenActivationsOfTheWrongLength() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {4, 8, 6, 3},",
            "    hiddenActivations = {Activation.RELU, Activation.RELU, Activation.TANH},",
            "    loss = Loss.CROSS_ENTROPY)",
            "public interface Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkHiddenActivationCount]", file, "hiddenActivations = {");
    assertThat(compilation).hadErrorContaining("has 3 value(s) {RELU, RELU, TANH}, but layers {4, 8, 6, 3} has 2");
  }

  @Test
  void activationAndHiddenActivationsBothGiven() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {4, 8, 3},",
            "    activation = Activation.TANH,",
            "    hiddenActivations = {Activation.RELU},",
            "    loss = Loss.CROSS_ENTROPY)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkActivationConflict]", file, "hiddenActivations = {");
  }

  @Test
  void mixedHiddenActivationsCompile() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import static dev.neurogen.Activation.*;",
            "import dev.neurogen.*;",
            "@Network(layers = {4, 8, 6, 5, 3}, hiddenActivations = {RELU, LEAKY_RELU, TANH},",
            "    loss = Loss.CROSS_ENTROPY)",
            "public interface Foo extends Classifier {}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.FooImpl").contentsAsUtf8String()
        .contains("RELU, LEAKY_RELU, TANH hidden activations");
  }

  @ParameterizedTest
  @CsvSource({
    "CROSS_ENTROPY, SIGMOID",
    "HINGE, SOFTMAX",
    "MSE, SOFTMAX",
    "BINARY_CROSS_ENTROPY, IDENTITY",
  })
  void lossAndOutputActivationMismatch(String loss, String output) {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {4, 8, 3},",
            "    outputActivation = Activation." + output + ",",
            "    loss = Loss." + loss + ")",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkLossMismatch]", file, "outputActivation = Activation." + output);
  }

  @Test
  void moreThanOneOutputActivation() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {4, 8, 3},",
            "    outputActivation = {Activation.SIGMOID, Activation.TANH},",
            "    loss = Loss.MSE)",
            "public interface Foo {}");
    assertSingleError(compile(file), "[NetworkOutputActivationCount]", file, "outputActivation = {");
  }

  // ------------------------------------------------------------------ code style

  @Test
  void vectorApiWithoutTheIncubatorModule() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(",
            "    layers = {64, 32, 10},",
            "    codeStyle = CodeStyle.VECTOR_API,",
            "    loss = Loss.CROSS_ENTROPY)",
            "public interface Foo {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkVectorApiMissing]", file, "codeStyle = CodeStyle.VECTOR_API");
    assertThat(compilation).hadErrorContaining("--add-modules jdk.incubator.vector");
  }

  @Test
  void vectorApiWithTheIncubatorModuleCompiles() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {64, 32, 10}, codeStyle = CodeStyle.VECTOR_API, loss = Loss.CROSS_ENTROPY)",
            "public interface Foo extends Classifier {}");
    Compilation compilation =
        javac().withProcessors(new NetworkProcessor())
            .withOptions("--add-modules", "jdk.incubator.vector")
            .compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.FooImpl").contentsAsUtf8String()
        .contains("jdk.incubator.vector.DoubleVector");
  }

  // ------------------------------------------------------------------ the interface itself

  @Test
  void genericInterface() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo<T> {}");
    assertSingleError(compile(file), "[NetworkGeneric]", file, "@Network(");
  }

  @Test
  void privateNestedInterface() {
    JavaFileObject file =
        source("p.Outer",
            "package p;",
            "import dev.neurogen.*;",
            "class Outer {",
            "  @Network(layers = {2, 1}, loss = Loss.MSE)",
            "  private interface Net {}",
            "}");
    assertSingleError(compile(file), "[NetworkPrivate]", file, "@Network(");
  }

  @Test
  void interfaceNestedInAPrivateClass() {
    JavaFileObject file =
        source("p.Outer",
            "package p;",
            "import dev.neurogen.*;",
            "class Outer {",
            "  private static class Hidden {",
            "    @Network(layers = {2, 1}, loss = Loss.MSE)",
            "    interface Net {}",
            "  }",
            "}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkPrivate]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("nested in the private type p.Outer.Hidden");
  }

  /**
   * A local interface (Java 16+) is invisible to the generated class. Javac's annotation
   * processing does not hand local declarations to processors (they are not members of any
   * root element), so the processor must look for them itself to report this.
   */
  // No test for @Network on a local interface: javac never hands local types to annotation
  // processors, so no processor can report on them (README, "Compile errors"). The rule itself
  // is covered by NetworkRulesTest.

  @Test
  void generatedNameClashesWithAnExistingType() {
    JavaFileObject network =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo {}");
    JavaFileObject existing =
        source("p.FooImpl",
            "package p;",
            "public class FooImpl {}");
    Compilation compilation = compile(network, existing);
    // one error, ours: nothing was generated, so javac has no duplicate class to complain about
    assertSingleError(compilation, "[NetworkNameClash]", network, "@Network(");
    assertThat(compilation).hadErrorContaining("p.FooImpl");
  }

  @Test
  void nestedGeneratedNameClashesWithAnExistingType() {
    JavaFileObject network =
        source("p.Outer",
            "package p;",
            "import dev.neurogen.*;",
            "class Outer {",
            "  @Network(layers = {2, 1}, loss = Loss.MSE)",
            "  interface Net {}",
            "}");
    JavaFileObject existing = source("p.Outer_NetImpl", "package p;", "class Outer_NetImpl {}");
    assertSingleError(compile(network, existing), "[NetworkNameClash]", network, "@Network(");
  }

  /**
   * Top-level Outer_Inner and nested Outer.Inner both map to Outer_InnerImpl. That is the user's
   * name clash, not an internal error of the processor.
   */
  @Test
  void twoNetworksWithTheSameGeneratedName() {
    JavaFileObject flat =
        source("p.Outer_Inner",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "interface Outer_Inner {}");
    JavaFileObject nested =
        source("p.Outer",
            "package p;",
            "import dev.neurogen.*;",
            "class Outer {",
            "  @Network(layers = {2, 1}, loss = Loss.MSE)",
            "  interface Inner {}",
            "}");
    Compilation compilation = compile(flat, nested);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[NetworkNameClash]");
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String text = error.getMessage(Locale.ROOT);
      assertTrue(text.startsWith("[NetworkNameClash]"), "only name clashes, but got: " + text);
    }
  }

  @Test
  void extendingARuntimeInterfaceThatDoesNotFitTheLoss() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends Classifier {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkSupertype]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("dev.neurogen.Classifier");
  }

  @Test
  void aFloatNetworkExtendingADoubleInterface() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 3}, loss = Loss.CROSS_ENTROPY, precision = Precision.FLOAT)",
            "public interface Foo extends Classifier {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkPrecision]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("Extend dev.neurogen.FloatClassifier instead");
  }

  @Test
  void aDoubleNetworkExtendingAFloatInterface() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends FloatNetwork {}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkPrecision]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("Extend dev.neurogen.NeuralNetwork instead");
  }

  @Test
  void aFloatNetworkMayRedeclareTheOptimizerStep() {
    // float networks implement trainStep(float[], float[], int, OptimizerState) (float moments)
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE, precision = Precision.FLOAT)",
            "public interface Foo extends FloatTargetTrainable {",
            "  float trainStep(float[] inputs, float[] targets, int batchSize, dev.neurogen.optim.OptimizerState o);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
  }

  @Test
  void declaringAnAbstractMethod() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends TargetTrainable {",
            "  double score(double[] input);",
            "}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkAbstractMethod]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("score()");
  }

  @Test
  void redeclaringARuntimeMethodIsAllowed() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends TargetTrainable {",
            "  /** Documented here for users of Foo. */",
            "  @Override int inputSize();",
            "  double loss(double[] inputs, double[] targets, int batchSize);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.FooImpl");
  }

  @Test
  void aRuntimeMethodTheLossDoesNotProvideIsStillRejected() {
    // classify belongs to Classifier, which an MSE network does not implement
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends TargetTrainable {",
            "  int classify(double[] input);",
            "}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkAbstractMethod]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("classify()");
  }

  @Test
  void aMethodThatOnlyLooksLikeARuntimeMethodIsStillRejected() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends TargetTrainable {",
            "  int inputSize(int which);",
            "}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkAbstractMethod]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("inputSize()");
  }

  @Test
  void defaultAndStaticMethodsAreAllowed() {
    JavaFileObject file =
        source("p.Foo",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Foo extends TargetTrainable {",
            "  default double first(double[] input) {",
            "    double[] out = new double[1];",
            "    predict(input, out);",
            "    return out[0];",
            "  }",
            "  static int two() { return 2; }",
            "}");
    assertThat(compile(file)).succeeded();
  }

  // ------------------------------------------------------------------ several at once

  @Test
  void allErrorsOfOneDeclarationAreReported() {
    JavaFileObject file =
        source("p.Foo",
            "package p;", //                                     1
            "import dev.neurogen.*;", //                         2
            "@Network(", //                                      3
            "    layers = {4, 0, 3},", //                        4
            "    activation = Activation.SOFTMAX,", //           5
            "    outputActivation = Activation.SIGMOID,", //     6
            "    loss = Loss.CROSS_ENTROPY)", //                 7
            "public interface Foo<T> extends TargetTrainable {", // 8
            "  void extra();", //                                9
            "}"); //                                             10
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("[NetworkLayerSize]").inFile(file).onLine(4);
    assertThat(compilation).hadErrorContaining("[NetworkSoftmaxHidden]").inFile(file).onLine(5);
    assertThat(compilation).hadErrorContaining("[NetworkLossMismatch]").inFile(file).onLine(6);
    assertThat(compilation).hadErrorContaining("[NetworkGeneric]").inFile(file).onLine(3);
    assertThat(compilation).hadErrorContaining("[NetworkAbstractMethod]").inFile(file).onLine(3);
  }

  @Test
  void errorsOfSeveralDeclarationsAreAllReported() {
    JavaFileObject first =
        source("p.First",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, activation = Activation.SOFTMAX, loss = Loss.MSE)",
            "public interface First {}");
    JavaFileObject second =
        source("q.Second",
            "package q;",
            "import dev.neurogen.*;",
            "@Network(layers = {2}, loss = Loss.MSE)",
            "public class Second {}");
    Compilation compilation = compile(first, second);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("[NetworkSoftmaxHidden]").inFile(first).onLine(3);
    assertThat(compilation).hadErrorContaining("[NetworkNotInterface]").inFile(second).onLine(3);
    assertThat(compilation).hadErrorContaining("[NetworkTooFewLayers]").inFile(second).onLine(3);
  }

  /**
   * The invalid declaration is not generated, the valid one beside it is. A failed compilation
   * hides its generated files from compile-testing, so the Filer is watched instead.
   */
  @Test
  void invalidDeclarationGeneratesNothingButValidOnesAreStillGenerated() {
    JavaFileObject bad =
        source("p.Bad",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 0, 1}, loss = Loss.MSE)",
            "public interface Bad {}");
    JavaFileObject good =
        source("p.Good",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 3, 1}, loss = Loss.MSE)",
            "public interface Good extends TargetTrainable {}");
    FilerWatchingProcessor processor = new FilerWatchingProcessor();
    Compilation compilation = javac().withProcessors(processor).compile(bad, good);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[NetworkLayerSize]").inFile(bad).onLine(3);
    assertEquals(List.of("p.GoodImpl"), processor.createdSources);
    // the generated class was compiled too: only the processor's error was reported, and the
    // cost NOTE is printed only after the file is written
    assertThat(compilation).hadNoteContaining("neurogen: Good has").inFile(good);
    assertFalse(
        compilation.notes().stream().anyMatch(n -> n.getMessage(Locale.ROOT).contains("neurogen: Bad")),
        "no cost note for the invalid declaration");
  }

  // ------------------------------------------------------------------ robustness

  /**
   * Broken sources of every kind: the processor must neither throw (compile-testing would rethrow
   * it out of compile()) nor report an internal error; javac's own errors stand alone where an
   * annotation value did not compile, without a second message from us.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSources")
  void processorNeverThrows(String description, boolean javacReportsIt, String[] lines) {
    Compilation compilation = compile(source("p.Foo", lines));
    assertThat(compilation).failed();
    assertFalse(compilation.errors().isEmpty(), description);
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String text = error.getMessage(Locale.ROOT);
      assertFalse(text.contains("[NetworkInternalError]"), description + ": " + text);
      assertFalse(text.contains("Exception"), description + ": " + text);
      if (javacReportsIt) {
        assertFalse(text.startsWith("[Network"), description + ": a second message from us: " + text);
      }
    }
  }

  static Stream<Arguments> brokenSources() {
    return Stream.of(
        broken("missing loss", true,
            "@Network(layers = {2, 1})", "public interface Foo {}"),
        broken("missing layers", true,
            "@Network(loss = Loss.MSE)", "public interface Foo {}"),
        broken("unknown activation constant", true,
            "@Network(layers = {2, 1}, activation = Activation.SWISH, loss = Loss.MSE)",
            "public interface Foo {}"),
        broken("string as a layer size", true,
            "@Network(layers = {2, \"three\"}, loss = Loss.MSE)", "public interface Foo {}"),
        broken("non-constant layers", true,
            "@Network(layers = Sizes.SIZES, loss = Loss.MSE)", "public interface Foo {}",
            "class Sizes { static final int[] SIZES = {2, 1}; }"),
        broken("null loss", true,
            "@Network(layers = {2, 1}, loss = null)", "public interface Foo {}"),
        broken("unresolved supertype", true,
            "@Network(layers = {2, 1}, loss = Loss.MSE)", "public interface Foo extends Missing {}"),
        broken("unresolved type in a method", false,
            "@Network(layers = {2, 1}, loss = Loss.MSE)", "public interface Foo {", "  Missing get();", "}"),
        broken("huge sizes", false,
            "@Network(layers = {2147483647, 2147483647, 2147483647}, loss = Loss.MSE)", "public interface Foo {}"),
        broken("sizes whose parameter count overflows a long", false,
            "@Network(layers = {2147483647, 2147483647, 2147483647, 2147483647}, loss = Loss.MSE)",
            "public interface Foo {}"),
        broken("negative sizes only", false,
            "@Network(layers = {-1, -2147483648}, loss = Loss.HINGE)", "public interface Foo {}"),
        broken("everything wrong on an enum", false,
            "@Network(layers = {0}, activation = Activation.SOFTMAX,",
            "    outputActivation = {Activation.SOFTMAX, Activation.SOFTMAX}, loss = Loss.HINGE)",
            "enum Foo { A; abstract void m(); }"));
  }

  private static Arguments broken(String description, boolean javacReportsIt, String... body) {
    List<String> lines = new ArrayList<>(List.of("package p;", "import dev.neurogen.*;"));
    lines.addAll(List.of(body));
    return Arguments.of(description, javacReportsIt, lines.toArray(String[]::new));
  }

  // ------------------------------------------------------------------ helpers

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  private static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new NetworkProcessor()).compile(files);
  }

  /** Exactly one error, with the tag, on the one line of the file that contains {@code lineText}. */
  private static void assertSingleError(
      Compilation compilation, String tag, JavaFileObject file, String lineText) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tag).inFile(file).onLineContaining(lineText);
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertTrue(text.startsWith(tag + " "), "the tag opens the message: " + text);
  }

  /**
   * Runs the processor with a Filer that records every source file it creates, to see what was
   * generated even when the compilation fails.
   */
  static final class FilerWatchingProcessor implements Processor {
    final List<String> createdSources = new ArrayList<>();
    private final Processor delegate = new NetworkProcessor();

    @Override
    public void init(ProcessingEnvironment env) {
      Filer filer = env.getFiler();
      Filer watching =
          proxy(Filer.class, filer, (method, args) -> {
            if (method.getName().equals("createSourceFile")) {
              createdSources.add(args[0].toString());
            }
          });
      ProcessingEnvironment watched =
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  (p, method, args) ->
                      method.getName().equals("getFiler") ? watching : invoke(method, env, args));
      delegate.init(watched);
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }

    private interface Observer {
      void before(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Observer observer) {
      InvocationHandler handler =
          (p, method, args) -> {
            observer.before(method, args);
            return invoke(method, target, args);
          };
      return type.cast(
          Proxy.newProxyInstance(
              FilerWatchingProcessor.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
