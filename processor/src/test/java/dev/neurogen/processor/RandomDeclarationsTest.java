package dev.neurogen.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.GradientCheck;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomised declarations, compiled in-process with the processor as a user compiles them.
 * Valid ones (depth 1 to 6, widths 1 to 300, every activation and valid output/loss pairing, and
 * interface shapes that once broke the generated code: default methods, nested types and constants
 * and package types named like the types the generated code uses, member interfaces, '$' and
 * Unicode in names) must compile, load, and match central finite differences on a random batch.
 * Invalid ones (one broken rule each) must fail with the rule's tag and never with {@code
 * [NetworkInternalError]}.
 *
 * <p>Counts and seed: {@code -Dneurogen.random.valid=N}, {@code -Dneurogen.random.invalid=N},
 * {@code -Dneurogen.random.seed=S} (defaults {@value #DEFAULT_VALID}, {@value #DEFAULT_INVALID},
 * {@value #DEFAULT_SEED}). A failure message names the seed and the declaration's source.
 */
class RandomDeclarationsTest {
  static final int DEFAULT_VALID = 24;
  static final int DEFAULT_INVALID = 40;
  static final long DEFAULT_SEED = 20261130L;
  /** Networks compiled together in one javac run (each in its own package). */
  private static final int PER_COMPILATION = 6;
  /** Keeps each finite-difference check fast: widths are redrawn until the count is below this. */
  private static final long MAX_PARAMETERS = 120_000;
  private static final int CHECKED_PARAMETERS = 40;
  private static final int BATCH = 3;
  /** Relative error allowed: a wrong gradient is off by O(1); round-off of the differences of a loss
   * of about 100 (wide BCE outputs) reaches 2e-5 on gradients near the floor 1e-4. */
  private static final double TOLERANCE = 1e-4;

  private static final Activation[] HIDDEN = {Activation.SIGMOID, Activation.TANH, Activation.RELU,
      Activation.LEAKY_RELU, Activation.IDENTITY};
  private static final Activation[] MSE_OUTPUTS = {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
      Activation.RELU, Activation.LEAKY_RELU};
  private static final String[] NAMES = {"Net", "Net$X", "Réseau", "网络", "N_1", "Δ", "$"};

  // ------------------------------------------------------------------ valid declarations

  @Test
  void validDeclarationsCompileAndMatchFiniteDifferences() throws Exception {
    long seed = Long.getLong("neurogen.random.seed", DEFAULT_SEED);
    int count = Integer.getInteger("neurogen.random.valid", DEFAULT_VALID);
    SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int start = 0; start < count; start += PER_COMPILATION) {
      List<Valid> batch = new ArrayList<>();
      List<JavaFileObject> files = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + PER_COMPILATION); i++) {
        Valid valid = Valid.draw(random, i);
        batch.add(valid);
        files.addAll(valid.files);
      }
      Compilation compilation = compile(files);
      String sources = batch.stream().map(Valid::describe).collect(Collectors.joining("\n"));
      assertEquals(List.of(), errors(compilation), "seed " + seed + ":\n" + sources);
      GenerationTest.GeneratedClassLoader loader = new GenerationTest.GeneratedClassLoader(compilation);
      for (Valid valid : batch) {
        checkGradient(loader, valid, new SplittableRandom(seed + valid.index), "seed " + seed + ": " + valid.describe());
        checked++;
      }
    }
    assertEquals(count, checked);
    System.out.printf("RandomDeclarationsTest: %d valid declarations (seed %d) compiled and gradient-checked%n",
        checked, seed);
  }

  /** One valid declaration: its source files and what the check needs to know. */
  private static final class Valid {
    final int index;
    final String pkg;
    final String generatedName;
    final int[] layers;
    final Loss loss;
    final Activation output;
    final List<JavaFileObject> files = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    private Valid(int index, String pkg, String generatedName, int[] layers, Loss loss, Activation output) {
      this.index = index;
      this.pkg = pkg;
      this.generatedName = generatedName;
      this.layers = layers;
      this.loss = loss;
      this.output = output;
    }

    static Valid draw(SplittableRandom random, int index) {
      int[] layers = drawLayers(random);
      Loss loss = Loss.values()[random.nextInt(Loss.values().length)];
      Activation hidden = HIDDEN[random.nextInt(HIDDEN.length)];
      Activation output = loss == Loss.MSE ? MSE_OUTPUTS[random.nextInt(MSE_OUTPUTS.length)]
          : loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX
          : loss == Loss.BINARY_CROSS_ENTROPY ? Activation.SIGMOID : Activation.IDENTITY;
      boolean writeOutput = loss == Loss.MSE || random.nextBoolean();
      String name = NAMES[random.nextInt(NAMES.length)];
      boolean member = random.nextInt(3) == 0;
      String pkg = "r" + index;
      String generated = (member ? "Outer_" : "") + name + "Impl";
      Valid v = new Valid(index, pkg, generated, layers, loss, output);

      List<String> body = new ArrayList<>();
      List<String> used = new ArrayList<>(InterfaceShapesTest.TYPE_NAMES);
      for (int n = random.nextInt(4); n > 0; n--) {
        String type = used.remove(random.nextInt(used.size()));
        switch (random.nextInt(3)) {
          case 0 -> body.add("  class " + type + " {}");
          case 1 -> body.add("  double " + type + " = 1;");
          default -> v.addFile(pkg + "." + type, "package " + pkg + ";", "class " + type + " {}");
        }
      }
      if (random.nextBoolean()) {
        body.add("  default java.lang.String describe() { return \"" + name + "\"; }");
      }
      if (random.nextBoolean()) {
        body.add("  default double sigmoid(float a) { return a; }");
      }
      if (random.nextBoolean()) {
        body.add("  static void clearGradients() {}");
      }
      String annotation = "@dev.neurogen.Network(layers = {"
          + java.util.Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(", "))
          + "}, activation = dev.neurogen.Activation." + hidden
          + (writeOutput ? ", outputActivation = dev.neurogen.Activation." + output : "")
          + ", loss = dev.neurogen.Loss." + loss + ")";
      String supertypes = supertypes(loss, random);
      List<String> lines = new ArrayList<>();
      lines.add("package " + pkg + ";");
      if (member) {
        lines.add("public class Outer {");
      }
      lines.add(annotation);
      lines.add((member ? "  " : "") + "public interface " + name + supertypes + " {");
      lines.addAll(body);
      lines.add("}");
      if (member) {
        lines.add("}");
      }
      v.addFile(pkg + "." + (member ? "Outer" : name), lines.toArray(new String[0]));
      return v;
    }

    void addFile(String name, String... lines) {
      files.add(JavaFileObjects.forSourceLines(name, lines));
      text.append("// ").append(name).append('\n').append(String.join("\n", lines)).append('\n');
    }

    String describe() {
      return text.toString();
    }

    private static String supertypes(Loss loss, SplittableRandom random) {
      List<String> options = new ArrayList<>();
      options.add("");
      options.add(" extends dev.neurogen.NeuralNetwork");
      switch (loss) {
        case CROSS_ENTROPY -> {
          options.add(" extends dev.neurogen.Classifier");
          options.add(" extends dev.neurogen.TargetTrainable");
          options.add(" extends dev.neurogen.Classifier, dev.neurogen.TargetTrainable");
        }
        case HINGE -> options.add(" extends dev.neurogen.Classifier");
        default -> options.add(" extends dev.neurogen.TargetTrainable");
      }
      return options.get(random.nextInt(options.size()));
    }
  }

  /** Depth 1 to 6 weight layers, widths 1 to 300 (small ones more likely), not too many parameters. */
  private static int[] drawLayers(SplittableRandom random) {
    while (true) {
      int depth = 1 + random.nextInt(6);
      int[] layers = new int[depth + 1];
      for (int l = 0; l <= depth; l++) {
        layers[l] = switch (random.nextInt(3)) {
          case 0 -> 1 + random.nextInt(8);
          case 1 -> 1 + random.nextInt(40);
          default -> 1 + random.nextInt(300);
        };
      }
      long parameters = 0;
      for (int l = 1; l <= depth; l++) {
        parameters += (long) layers[l] * layers[l - 1] + layers[l];
      }
      if (parameters <= MAX_PARAMETERS) {
        return layers;
      }
    }
  }

  private static void checkGradient(ClassLoader loader, Valid valid, SplittableRandom random, String context)
      throws Exception {
    Class<?> type = loader.loadClass(valid.pkg + "." + valid.generatedName);
    var constructor = type.getDeclaredConstructor(long.class);
    constructor.setAccessible(true);
    NeuralNetwork net = (NeuralNetwork) constructor.newInstance(random.nextLong());
    // Initial biases are 0, so with dead ReLUs a pre-activation can sit exactly on the kink at 0,
    // where finite differences see half a slope: shift every parameter by a little noise.
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    for (int k = 0; k < parameters.length; k++) {
      parameters[k] += random.nextDouble(-0.2, 0.2);
    }
    net.setParameters(parameters);
    int inputs = valid.layers[0];
    int outputs = valid.layers[valid.layers.length - 1];
    double[] x = new double[BATCH * inputs];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextDouble(-1, 1);
    }
    GradientCheck.Objective objective;
    if (net instanceof Classifier classifier && (valid.loss == Loss.HINGE || random.nextBoolean())) {
      int[] labels = new int[BATCH];
      for (int s = 0; s < BATCH; s++) {
        labels[s] = random.nextInt(outputs);
      }
      objective = g -> classifier.lossAndGradient(x, labels, BATCH, g);
    } else {
      TargetTrainable trainable = (TargetTrainable) net;
      double[] y = targets(valid.loss, outputs, random);
      objective = g -> trainable.lossAndGradient(x, y, BATCH, g);
    }
    GradientCheck.Result result = GradientCheck.check(net, objective, CHECKED_PARAMETERS, random.nextLong());
    assertTrue(result.maxRelativeError() < TOLERANCE, context + "\n" + result);
  }

  private static double[] targets(Loss loss, int outputs, SplittableRandom random) {
    double[] y = new double[BATCH * outputs];
    for (int s = 0; s < BATCH; s++) {
      double sum = 0;
      for (int k = 0; k < outputs; k++) {
        double value = loss == Loss.MSE ? random.nextDouble(-1, 1) : random.nextDouble();
        y[s * outputs + k] = value;
        sum += value;
      }
      if (loss == Loss.CROSS_ENTROPY) { // soft labels: probability rows
        for (int k = 0; k < outputs; k++) {
          y[s * outputs + k] /= sum;
        }
      }
    }
    return y;
  }

  // ------------------------------------------------------------------ invalid declarations

  /** A broken rule: its tag and how to break it in an otherwise valid declaration. */
  private enum Breakage {
    LAYER_SIZE("NetworkLayerSize"),
    TOO_FEW_LAYERS("NetworkTooFewLayers"),
    TOO_LARGE("NetworkTooLarge"),
    SOFTMAX_HIDDEN("NetworkSoftmaxHidden"),
    LOSS_MISMATCH("NetworkLossMismatch"),
    OUTPUT_COUNT("NetworkOutputActivationCount"),
    GENERIC("NetworkGeneric"),
    PRIVATE("NetworkPrivate"),
    NOT_INTERFACE("NetworkNotInterface"),
    SUPERTYPE("NetworkSupertype"),
    ABSTRACT_METHOD("NetworkAbstractMethod"),
    MEMBER_CLASH("NetworkMemberClash"),
    PACKAGE_SHADOWED("NetworkMemberClash"),
    RETURN_CLASH("NetworkMemberClash"),
    SEALED("NetworkSealed"),
    NAME_CLASH("NetworkNameClash");

    final String tag;

    Breakage(String tag) {
      this.tag = tag;
    }
  }

  @Test
  void invalidDeclarationsGetTheirTagAndNeverAnInternalError() {
    long seed = Long.getLong("neurogen.random.seed", DEFAULT_SEED);
    int count = Integer.getInteger("neurogen.random.invalid", DEFAULT_INVALID);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < count; i++) {
      Breakage breakage = Breakage.values()[i < Breakage.values().length ? i : random.nextInt(Breakage.values().length)];
      List<String> lines = new ArrayList<>();
      List<JavaFileObject> files = new ArrayList<>();
      String name = NAMES[random.nextInt(NAMES.length)];
      int[] layers = drawLayers(random);
      String sizes = java.util.Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(", "));
      String activation = "dev.neurogen.Activation." + HIDDEN[random.nextInt(HIDDEN.length)];
      String output = "";
      String loss = "MSE";
      String kind = "interface";
      String typeParameters = "";
      String modifiers = "public ";
      String supertypes = " extends dev.neurogen.TargetTrainable";
      String permits = "";
      List<String> body = new ArrayList<>();
      boolean member = false;
      switch (breakage) {
        case LAYER_SIZE -> sizes = sizes + ", " + (-random.nextInt(3));
        case TOO_FEW_LAYERS -> sizes = random.nextBoolean() ? "" : Integer.toString(layers[0]);
        case TOO_LARGE -> sizes = "50000, 50000, 2";
        case SOFTMAX_HIDDEN -> activation = "dev.neurogen.Activation.SOFTMAX";
        case LOSS_MISMATCH -> {
          loss = random.nextBoolean() ? "CROSS_ENTROPY" : "HINGE";
          output = ", outputActivation = dev.neurogen.Activation.TANH";
          supertypes = "";
        }
        case OUTPUT_COUNT -> output = ", outputActivation = {dev.neurogen.Activation.TANH, dev.neurogen.Activation.RELU}";
        case GENERIC -> typeParameters = "<T>";
        case PRIVATE -> {
          member = true;
          modifiers = "private ";
        }
        case NOT_INTERFACE -> {
          kind = random.nextBoolean() ? "class" : "enum";
          supertypes = "";
        }
        case SUPERTYPE -> supertypes = " extends dev.neurogen.Classifier";
        case ABSTRACT_METHOD -> body.add("  double describe(int x);");
        case MEMBER_CLASH -> body.add(List.of("  default void clearGradients() {}",
            "  default void bindViews() {}", "  default void forward1(int s) {}",
            "  default double sampleLoss(int s) { return 0; }").get(random.nextInt(4)));
        case PACKAGE_SHADOWED -> body.add("  int " + List.of("java", "dev", "javax", "jdk").get(random.nextInt(4)) + " = 0;");
        case RETURN_CLASH -> {
          supertypes = "";
          body.add("  default long inputSize() { return 1L; }");
        }
        case SEALED -> {
          modifiers = "sealed ";
          permits = " permits Other";
          files.add(JavaFileObjects.forSourceLines("r.Other", "package r;", "final class Other implements " + name + " {}"));
        }
        case NAME_CLASH -> files.add(JavaFileObjects.forSourceLines("r." + name + "Impl", "package r;",
            "abstract class " + name + "Impl implements " + name + " {}"));
        default -> throw new AssertionError(breakage);
      }
      lines.add("package r;");
      if (member) {
        lines.add("class Outer {");
      }
      lines.add("@dev.neurogen.Network(layers = {" + sizes + "}, activation = " + activation + output
          + ", loss = dev.neurogen.Loss." + loss + ")");
      lines.add(modifiers + kind + " " + name + typeParameters + supertypes + permits + " {");
      lines.addAll(body);
      lines.add("}");
      if (member) {
        lines.add("}");
      }
      files.add(JavaFileObjects.forSourceLines("r." + (member ? "Outer" : name), lines));
      Compilation compilation = compile(files);
      String context = "seed " + seed + ", case " + i + " " + breakage + ":\n" + String.join("\n", lines);
      List<String> errors = errors(compilation);
      assertTrue(errors.stream().noneMatch(e -> e.contains("[NetworkInternalError]")), context + "\n" + errors);
      assertTrue(errors.stream().anyMatch(e -> e.startsWith("[" + breakage.tag + "]")), context + "\n" + errors);
    }
    System.out.printf("RandomDeclarationsTest: %d invalid declarations (seed %d) got their tag%n", count, seed);
  }

  // ------------------------------------------------------------------ helpers

  private static Compilation compile(List<JavaFileObject> files) {
    return javac().withProcessors(new NetworkProcessor()).withOptions("-Aneurogen.costReport=false").compile(files);
  }

  private static List<String> errors(Compilation compilation) {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      errors.add(d.getMessage(Locale.ROOT));
    }
    return errors;
  }
}
