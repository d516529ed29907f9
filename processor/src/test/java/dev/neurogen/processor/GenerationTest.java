package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.neurogen.NeuralNetwork;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the processor generates for valid declarations: names, packages, modifiers, warnings, NOTE. */
class GenerationTest {

  @Test
  void interfacesInDifferentPackagesAreGeneratedTogether() throws Exception {
    JavaFileObject one =
        source("a.One", "package a;", "import dev.neurogen.*;",
            "@Network(layers = {2, 3, 1}, loss = Loss.MSE)",
            "public interface One extends TargetTrainable {}");
    JavaFileObject two =
        source("b.c.Two", "package b.c;", "import dev.neurogen.*;",
            "@Network(layers = {4, 8, 3}, activation = Activation.TANH, loss = Loss.CROSS_ENTROPY)",
            "interface Two extends Classifier {}");
    JavaFileObject three =
        source("Three", "import dev.neurogen.*;",
            "@Network(layers = {3, 2}, loss = Loss.HINGE)",
            "public interface Three {}");
    // uses the generated classes by name, so it compiles only if names and supertypes are right
    JavaFileObject user =
        source("b.c.User", "package b.c;",
            "class User {",
            "  a.One one = new a.OneImpl(1L);",
            "  Two two = new TwoImpl(2L);",
            "  dev.neurogen.Classifier asClassifier = two;",
            "}");
    Compilation compilation = compile(one, two, three, user);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("a.OneImpl");
    assertThat(compilation).generatedSourceFile("b.c.TwoImpl");
    assertThat(compilation).generatedSourceFile("ThreeImpl");
    assertEquals(
        Set.of("a/OneImpl.java", "b/c/TwoImpl.java", "ThreeImpl.java"),
        compilation.generatedSourceFiles().stream()
            .map(f -> f.toUri().getPath().replaceFirst("^/SOURCE_OUTPUT/", ""))
            .collect(Collectors.toSet()));

    // the classes load (so the verifier accepts them) and have the declared shapes
    ClassLoader loader = new GeneratedClassLoader(compilation);
    assertShape(loader, "a.OneImpl", 2, 1, 2 * 3 + 3 + 3 + 1);
    assertShape(loader, "b.c.TwoImpl", 4, 3, 4 * 8 + 8 + 8 * 3 + 3);
    assertShape(loader, "ThreeImpl", 3, 2, 3 * 2 + 2);
  }

  @Test
  void nestedInterfacesJoinTheirNamesWithUnderscores() {
    JavaFileObject outer =
        source("p.Outer", "package p;", "import dev.neurogen.*;",
            "public class Outer {",
            "  @Network(layers = {2, 1}, loss = Loss.MSE)",
            "  public interface Inner extends TargetTrainable {}",
            "  static class Mid {",
            "    @Network(layers = {2, 2}, loss = Loss.CROSS_ENTROPY)",
            "    interface Deep extends Classifier {}",
            "  }",
            "  interface Holder {",
            "    @Network(layers = {1, 1}, loss = Loss.BINARY_CROSS_ENTROPY)",
            "    interface InInterface {}",
            "  }",
            "}");
    JavaFileObject user =
        source("p.User", "package p;",
            "class User {",
            "  Outer.Inner inner = new Outer_InnerImpl(1L);",
            "  Outer.Mid.Deep deep = new Outer_Mid_DeepImpl(1L);",
            "  Outer.Holder.InInterface held = new Outer_Holder_InInterfaceImpl(1L);",
            "}");
    Compilation compilation = compile(outer, user);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.Outer_InnerImpl");
    assertThat(compilation).generatedSourceFile("p.Outer_Mid_DeepImpl");
    assertThat(compilation).generatedSourceFile("p.Outer_Holder_InInterfaceImpl");
    assertEquals(3, compilation.generatedSourceFiles().size());
  }

  /**
   * Users may build with -Xlint:all -Werror, so the generated code must not warn. Covers every
   * loss and activation, unrolled and looped kernels, and public, package-private and nested
   * interfaces.
   */
  @ParameterizedTest(name = "{1} {2} {3}")
  @CsvSource(delimiter = ';', value = {
    "public ; {2, 2, 2, 1} ; SIGMOID    ; outputActivation = Activation.SIGMOID, loss = Loss.MSE",
    "       ; {4, 8, 3}    ; TANH       ; loss = Loss.CROSS_ENTROPY",
    "public ; {3, 5, 2}    ; RELU       ; loss = Loss.HINGE",
    "       ; {3, 5, 2}    ; LEAKY_RELU ; loss = Loss.BINARY_CROSS_ENTROPY",
    "public ; {3, 5, 2}    ; IDENTITY   ; outputActivation = Activation.TANH, loss = Loss.MSE",
    "public ; {3, 5, 2}    ; SIGMOID    ; outputActivation = Activation.RELU, loss = Loss.MSE",
    "public ; {3, 5, 2}    ; SIGMOID    ; outputActivation = Activation.LEAKY_RELU, loss = Loss.MSE",
    "public ; {64, 32, 10} ; RELU       ; loss = Loss.CROSS_ENTROPY",
    "       ; {40, 30, 20, 4} ; TANH    ; loss = Loss.HINGE",
    "public ; {30, 20, 6}  ; LEAKY_RELU ; loss = Loss.BINARY_CROSS_ENTROPY",
    "public ; {1, 256}     ; SIGMOID    ; loss = Loss.MSE",
    "public ; {256, 1}     ; IDENTITY   ; outputActivation = Activation.SIGMOID, loss = Loss.MSE",
    "public ; {4, 8, 3}    ; SIGMOID    ; loss = Loss.CROSS_ENTROPY, precision = Precision.FLOAT",
    "       ; {3, 5, 2}    ; TANH       ; loss = Loss.BINARY_CROSS_ENTROPY, precision = Precision.FLOAT",
    "public ; {64, 32, 10} ; LEAKY_RELU ; loss = Loss.HINGE, precision = Precision.FLOAT",
    "public ; {30, 20, 6}  ; RELU       ; outputActivation = Activation.TANH, loss = Loss.MSE, precision = Precision.FLOAT",
  })
  void generatedCodeCompilesWithoutLintWarnings(
      String visibility, String layers, String hidden, String rest) {
    String modifier = visibility == null ? "" : visibility + " ";
    JavaFileObject top =
        source("p.Net", "package p;", "import dev.neurogen.*;",
            "@Network(layers = " + layers + ", activation = Activation." + hidden + ", " + rest + ")",
            modifier + "interface Net {}");
    JavaFileObject nested =
        source("q.Outer", "package q;", "import dev.neurogen.*;",
            "class Outer {",
            "  @Network(layers = " + layers + ", activation = Activation." + hidden + ", " + rest + ")",
            "  " + modifier + "interface Net {}",
            "}");
    Compilation compilation =
        javac().withProcessors(new NetworkProcessor()).withOptions("-Xlint:all").compile(top, nested);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.NetImpl");
    assertThat(compilation).generatedSourceFile("q.Outer_NetImpl");
  }

  /**
   * With the Vector API javac always warns that an incubating module is in use; that warning has
   * no source. The generated code itself must add none.
   */
  @Test
  void vectorApiCodeAddsNoWarningsOfItsOwn() {
    JavaFileObject file =
        source("p.Net", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {64, 32, 10}, codeStyle = CodeStyle.VECTOR_API, loss = Loss.CROSS_ENTROPY)",
            "public interface Net extends Classifier {}");
    Compilation compilation =
        javac().withProcessors(new NetworkProcessor())
            .withOptions("--add-modules", "jdk.incubator.vector", "-Xlint:all")
            .compile(file);
    assertThat(compilation).succeeded();
    for (Diagnostic<? extends JavaFileObject> warning : compilation.warnings()) {
      assertEquals(null, warning.getSource(), "a warning in a source file: " + warning);
      assertTrue(warning.getMessage(Locale.ROOT).contains("incubating"), warning.toString());
    }
  }

  @Test
  void costNoteCarriesTheParameterCount() {
    JavaFileObject file =
        source("p.Small", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {2, 2, 2, 1}, loss = Loss.MSE)",
            "public interface Small {}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    // 2*2 + 2 + 2*2 + 2 + 1*2 + 1
    assertThat(compilation).hadNoteContaining("neurogen: Small has 15 parameters")
        .inFile(file).onLineContaining("public interface Small");
  }

  @Test
  void costNoteOfALargeNetwork() {
    JavaFileObject file =
        source("p.Mnist", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {784, 512, 256, 10}, activation = Activation.RELU, loss = Loss.CROSS_ENTROPY)",
            "public interface Mnist extends Classifier {}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    // 784*512 + 512 + 512*256 + 256 + 256*10 + 10 = 535,818, always printed with Locale.ROOT grouping
    assertThat(compilation)
        .hadNoteContaining("neurogen: Mnist has 535,818 parameters")
        .inFile(file).onLineContaining("public interface Mnist");
  }

  @Test
  void costNoteCanBeSwitchedOff() {
    JavaFileObject file =
        source("p.Small", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {2, 2, 2, 1}, loss = Loss.MSE)",
            "public interface Small {}");
    Compilation compilation =
        javac().withProcessors(new NetworkProcessor())
            .withOptions("-Aneurogen.costReport=false", "-Xlint:all")
            .compile(file);
    // no NOTE, and no warning that the option is unknown
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), messages(compilation.notes()));
    assertThat(compilation).generatedSourceFile("p.SmallImpl");
  }

  /**
   * The generated class as javac sees it in the next round: final, public exactly when the
   * interface is, and annotated with @Generated naming the processor.
   */
  @Test
  void generatedClassIsFinalAndAnnotatedGenerated() throws Exception {
    JavaFileObject open =
        source("p.Open", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "public interface Open {}");
    JavaFileObject hidden =
        source("p.Hidden", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {2, 1}, loss = Loss.MSE)",
            "interface Hidden {}");
    Inspector inspector = new Inspector();
    Compilation compilation = javac().withProcessors(new NetworkProcessor(), inspector).compile(open, hidden);
    assertThat(compilation).succeeded();

    Seen openImpl = inspector.seen.get("p.OpenImpl");
    Seen hiddenImpl = inspector.seen.get("p.HiddenImpl");
    assertTrue(openImpl != null && hiddenImpl != null, "inspected: " + inspector.seen.keySet());
    assertTrue(openImpl.modifiers.contains(javax.lang.model.element.Modifier.FINAL));
    assertTrue(openImpl.modifiers.contains(javax.lang.model.element.Modifier.PUBLIC));
    assertTrue(hiddenImpl.modifiers.contains(javax.lang.model.element.Modifier.FINAL));
    assertFalse(hiddenImpl.modifiers.contains(javax.lang.model.element.Modifier.PUBLIC));
    for (Seen seen : List.of(openImpl, hiddenImpl)) {
      // Generated.value is a String[]: javac shows the one-element array in braces
      assertEquals(
          "{\"dev.neurogen.processor.NetworkProcessor\"}",
          seen.annotations.get("javax.annotation.processing.Generated").get("value"),
          "annotations: " + seen.annotations);
    }

    // and in the class file (where @Generated, being source-only, is gone)
    Class<?> type = new GeneratedClassLoader(compilation).loadClass("p.OpenImpl");
    assertTrue(Modifier.isFinal(type.getModifiers()));
    assertTrue(Modifier.isPublic(type.getModifiers()));
  }

  /**
   * Building again with the earlier output on the class path (plain javac with -cp out -d out,
   * or an IDE's incremental build) is not a name clash: the existing OpenImpl is our own.
   */
  @Test
  void recompilingWithTheEarlierOutputOnTheClassPathIsNoNameClash(@TempDir Path out) throws IOException {
    recompile(out, "@Network(layers = {2, 1}, loss = Loss.MSE)", "TargetTrainable");
  }

  /** A float interface may re-declare the float runtime interfaces' methods, like a double one. */
  @Test
  void aFloatInterfaceMayRedeclareTheFloatMethods() {
    JavaFileObject file =
        source("p.Again", "package p;", "import dev.neurogen.*;",
            "@Network(layers = {3, 2}, loss = Loss.CROSS_ENTROPY, precision = Precision.FLOAT)",
            "public interface Again extends FloatClassifier {",
            "  @Override int classify(float[] input);",
            "  @Override float trainStep(float[] inputs, int[] labels, int batchSize, float learningRate);",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.AgainImpl");
  }

  /** The same for a float network, whose earlier output implements FloatNetwork instead of NeuralNetwork. */
  @Test
  void recompilingAFloatNetworkWithItsEarlierOutputOnTheClassPathIsNoNameClash(@TempDir Path out) throws IOException {
    recompile(out, "@Network(layers = {2, 1}, loss = Loss.MSE, precision = Precision.FLOAT)", "FloatTargetTrainable");
  }

  private static void recompile(Path out, String annotation, String supertype) throws IOException {
    JavaFileObject file =
        source("p.Again", "package p;", "import dev.neurogen.*;",
            annotation,
            "public interface Again extends " + supertype + " {}");
    Compilation first = compile(file);
    assertThat(first).succeeded();
    for (JavaFileObject generated : first.generatedFiles()) {
      if (generated.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = out.resolve(generated.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = generated.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    assertTrue(Files.exists(out.resolve("p/AgainImpl.class")));

    List<File> classPath = new ArrayList<>();
    classPath.add(out.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }
    Compilation second = javac().withProcessors(new NetworkProcessor()).withClasspath(classPath).compile(file);
    assertThat(second).succeeded();
    assertThat(second).generatedSourceFile("p.AgainImpl");
  }

  // ------------------------------------------------------------------ helpers

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  private static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new NetworkProcessor()).compile(files);
  }

  private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
  }

  private static void assertShape(ClassLoader loader, String name, int inputs, int outputs, int parameters)
      throws Exception {
    Class<?> type = loader.loadClass(name);
    assertTrue(Modifier.isFinal(type.getModifiers()), name + " is final");
    assertEquals(inputs, constant(type, "INPUTS"), name + ".INPUTS");
    assertEquals(outputs, constant(type, "OUTPUTS"), name + ".OUTPUTS");
    assertEquals(parameters, constant(type, "PARAMETERS"), name + ".PARAMETERS");
    var constructor = type.getDeclaredConstructor(long.class);
    constructor.setAccessible(true);
    NeuralNetwork net = (NeuralNetwork) constructor.newInstance(5L);
    assertEquals(parameters, net.parameterCount());
    assertEquals(inputs, net.inputSize());
    assertEquals(outputs, net.outputSize());
  }

  /** A public static int of a class that may itself be package-private. */
  private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
    var field = type.getField(name);
    field.setAccessible(true);
    return field.getInt(null);
  }

  /** Loads classes from a compilation's in-memory class output, the runtime from the test's. */
  static final class GeneratedClassLoader extends ClassLoader {
    private final Compilation compilation;

    GeneratedClassLoader(Compilation compilation) {
      super(GenerationTest.class.getClassLoader());
      this.compilation = compilation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String path = name.replace('.', '/') + ".class";
      JavaFileObject file =
          compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path)
              .orElseThrow(() -> new ClassNotFoundException(name));
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What javac's model shows of a generated type. */
  record Seen(Set<javax.lang.model.element.Modifier> modifiers, Map<String, Map<String, String>> annotations) {}

  /** Records, in every round, the modifiers and annotations of each type named *Impl. */
  @SupportedAnnotationTypes("*")
  static final class Inspector extends AbstractProcessor {
    final Map<String, Seen> seen = new HashMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (Element element : round.getRootElements()) {
        if (element instanceof TypeElement type && type.getSimpleName().toString().endsWith("Impl")) {
          Map<String, Map<String, String>> mirrors = new HashMap<>();
          for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            Map<String, String> values = new HashMap<>();
            mirror.getElementValues().forEach((k, v) -> values.put(k.getSimpleName().toString(), v.toString()));
            TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
            mirrors.put(annotation.getQualifiedName().toString(), values);
          }
          seen.put(type.getQualifiedName().toString(), new Seen(type.getModifiers(), mirrors));
        }
      }
      return false;
    }
  }
}
