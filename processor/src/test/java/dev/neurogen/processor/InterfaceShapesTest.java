package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.neurogen.NeuralNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Legal interfaces that once produced generated code that did not compile, or crashed the
 * processor: each now either compiles (and the network runs) or gets one tagged error on the
 * element that causes the conflict, never {@code [NetworkInternalError]}.
 */
class InterfaceShapesTest {
  /** Every simple name the generated code uses for a type, now or (OptimizerState) soon. */
  static final List<String> TYPE_NAMES = List.of("Math", "System", "Arrays", "Override", "Double",
      "RuntimeException", "ArgumentChecks", "Activation", "ParameterLayout", "WeightInitializer", "DoubleVector",
      "VectorSpecies", "Generated", "Classifier", "TargetTrainable", "NeuralNetwork", "OptimizerState", "Object",
      "String", "Integer", "Long");

  // ------------------------------------------------------------------ made impossible: compiles

  static Stream<String> typeNames() {
    return TYPE_NAMES.stream();
  }

  @ParameterizedTest
  @MethodSource("typeNames")
  void nestedTypeNamedLikeAGeneratedCodeType(String name) throws Exception {
    Compilation compilation = compile(source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {3, 70, 2}, loss = Loss.CROSS_ENTROPY)",
        "public interface Net extends Classifier {",
        "  class " + name + " {}",
        "  double " + name + " = 1;",
        "}"));
    assertRuns(compilation, "p.NetImpl");
  }

  @ParameterizedTest
  @MethodSource("typeNames")
  void packageTypeNamedLikeAGeneratedCodeType(String name) throws Exception {
    Compilation compilation = compile(
        source("p.Net",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {3, 4, 1}, loss = Loss.MSE)",
            "interface Net extends dev.neurogen.TargetTrainable {}"),
        source("p." + name, "package p;", "class " + name + " {}"));
    assertRuns(compilation, "p.NetImpl");
  }

  @Test
  void reAbstractedDefaultLossAndGradient() throws Exception {
    Compilation compilation = compile(source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {3, 4, 2}, loss = Loss.CROSS_ENTROPY)",
        "interface Net extends Classifier, TargetTrainable {",
        "  @Override double lossAndGradient(double[] inputs, int[] labels, int batchSize, double[] gradient);",
        "  @Override double lossAndGradient(double[] inputs, double[] targets, int batchSize, double[] gradient);",
        "}"));
    assertRuns(compilation, "p.NetImpl");
  }

  @Test
  void harmlessDefaultMethods() throws Exception {
    Compilation compilation = compile(source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {3, 2}, loss = Loss.HINGE)",
        "interface Net extends Classifier {",
        "  default double sigmoid(float a) { return a; }",
        "  default int inputSize() { return 99; }", // the generated public method overrides it
        "  static double applyGradients(double step) { return step; }", // static: not inherited
        "  default String describe() { return \"net\"; }",
        "}"));
    assertRuns(compilation, "p.NetImpl");
  }

  @Test
  void sealedInterfacePermittingTheGeneratedClass() throws Exception {
    Compilation compilation = compile(source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {3, 2}, loss = Loss.MSE)",
        "sealed interface Net extends TargetTrainable permits NetImpl {}"));
    assertRuns(compilation, "p.NetImpl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Net$X", "$", "Net$$1", "Réseau", "网络", "Δx_1"})
  void unusualButLegalNames(String name) throws Exception {
    Compilation compilation = compile(source("p." + name,
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 3, 1}, loss = Loss.MSE)",
        "public interface " + name + " extends TargetTrainable {}"));
    assertRuns(compilation, "p." + name + "Impl");
  }

  @Test
  void veryLongName() throws Exception {
    String name = "N" + "x".repeat(400);
    Compilation compilation = compile(source("p." + name,
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface " + name + " extends TargetTrainable {}"));
    assertRuns(compilation, "p." + name + "Impl");
  }

  // ------------------------------------------------------------------ tagged errors on the culprit

  @ParameterizedTest
  @ValueSource(strings = {"default double sigmoid(double a) { return a; }", "default void clearGradients() {}",
      "default void forward1(int s) {}", "default void bindViews() {}",
      "default double sampleLoss(int s) { return 0; }"})
  void defaultMethodWithTheSignatureOfAGeneratedHelper(String method) {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 2, 1}, loss = Loss.MSE)",
        "interface Net extends TargetTrainable {",
        "  " + method,
        "}");
    assertSingleError(compile(file), "[NetworkMemberClash]", file, method);
  }

  @Test
  void defaultMethodClashingWithARuntimeInterfaceMethod() {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface Net {",
        "  default long parameterCount() { return 0; }",
        "}");
    Compilation compilation = compile(file);
    assertSingleError(compilation, "[NetworkMemberClash]", file, "default long parameterCount()");
    assertThat(compilation).hadErrorContaining("returns long");
  }

  @Test
  void abstractMethodWithADifferentReturnType() {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface Net {",
        "  long parameterCount();",
        "}");
    // the interface extends no runtime interface, so the existing rule already names it
    assertSingleError(compile(file), "[NetworkAbstractMethod]", file, "@Network(");
  }

  @Test
  void sealedInterfaceNotPermittingTheGeneratedClass() {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "sealed interface Net extends TargetTrainable permits Other {}",
        "final class Other {}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorContaining("[NetworkSealed]").inFile(file).onLineContaining("@Network(");
    assertNoInternalError(compilation);
  }

  @ParameterizedTest
  @ValueSource(strings = {"int java = 1;", "int dev = 1;", "class javax {}", "interface jdk {}"})
  void memberHidingAPackageTheGeneratedCodeNames(String member) {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface Net extends TargetTrainable {",
        "  " + member,
        "}");
    assertSingleError(compile(file), "[NetworkMemberClash]", file, member);
  }

  @Test
  void handWrittenImplInTheSameCompilation() {
    JavaFileObject net = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface Net extends TargetTrainable {}");
    JavaFileObject impl = source("p.NetImpl",
        "package p;",
        "abstract class NetImpl implements Net {}");
    Compilation compilation = compile(net, impl);
    assertThat(compilation).hadErrorContaining("[NetworkNameClash]").inFile(net).onLineContaining("@Network(");
    assertNoInternalError(compilation);
  }

  @Test
  void sourceThatCannotBeWritten() {
    JavaFileObject file = source("p.Net",
        "package p;",
        "import dev.neurogen.*;",
        "@Network(layers = {2, 1}, loss = Loss.MSE)",
        "interface Net extends TargetTrainable {}");
    Compilation compilation = javac().withProcessors(new FailingFilerProcessor()).compile(file);
    assertSingleError(compilation, "[NetworkWriteFailed]", file, "@Network(");
    assertThat(compilation).hadErrorContaining("File name too long");
  }

  /** The processor with a Filer that fails as a file system does for a too long name. */
  static final class FailingFilerProcessor extends javax.annotation.processing.AbstractProcessor {
    private final NetworkProcessor delegate = new NetworkProcessor();

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
      super.init(env);
      javax.annotation.processing.Filer failing = (javax.annotation.processing.Filer) java.lang.reflect.Proxy
          .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {javax.annotation.processing.Filer.class},
              (proxy, method, args) -> {
                throw new java.io.IOException("File name too long");
              });
      delegate.init((javax.annotation.processing.ProcessingEnvironment) java.lang.reflect.Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {javax.annotation.processing.ProcessingEnvironment.class},
          (proxy, method, args) -> method.getName().equals("getFiler") ? failing : method.invoke(env, args)));
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  // ------------------------------------------------------------------ helpers

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new NetworkProcessor()).withOptions("-Aneurogen.costReport=false").compile(files);
  }

  /** Compiled without errors; an instance predicts finite numbers. */
  static void assertRuns(Compilation compilation, String generated) throws Exception {
    assertNoInternalError(compilation);
    assertThat(compilation).succeeded();
    Class<?> type = new GenerationTest.GeneratedClassLoader(compilation).loadClass(generated);
    var constructor = type.getDeclaredConstructor(long.class);
    constructor.setAccessible(true);
    NeuralNetwork net = (NeuralNetwork) constructor.newInstance(3L);
    double[] out = new double[net.outputSize()];
    net.predict(new double[net.inputSize()], out);
    for (double value : out) {
      assertTrue(Double.isFinite(value));
    }
  }

  static void assertNoInternalError(Compilation compilation) {
    List<String> internal = new ArrayList<>();
    compilation.errors().forEach(e -> {
      if (e.getMessage(Locale.ROOT).contains("[NetworkInternalError]")) {
        internal.add(e.getMessage(Locale.ROOT));
      }
    });
    assertEquals(List.of(), internal);
  }

  static void assertSingleError(Compilation compilation, String tag, JavaFileObject file, String lineText) {
    assertNoInternalError(compilation);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tag).inFile(file).onLineContaining(lineText);
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertTrue(text.startsWith(tag + " "), "the tag opens the message: " + text);
  }
}
