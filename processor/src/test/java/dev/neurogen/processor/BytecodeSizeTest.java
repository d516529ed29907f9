package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.neurogen.Classifier;
import dev.neurogen.GradientCheck;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.TargetTrainable;
import dev.neurogen.processor.model.NetworkRules;
import dev.neurogen.processor.plan.Planner;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HotSpot does not JIT-compile a method whose bytecode is longer than 8,000 bytes ({@code
 * -XX:HugeMethodLimit=8000} with the default {@code -XX:+DontCompileHugeMethods}): such a method
 * stays interpreted, tens of times slower. This compiles generated networks of every size class
 * in memory, reads each method's {@code code_length} straight from the class files (JVMS 4.7.3)
 * and requires all of them to stay below the limit. The largest method of each network is printed
 * so the margins are visible in the build log.
 */
class BytecodeSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    // small: everything unrolled
    "2-2-2-1        ; {2, 2, 2, 1}       ; SIGMOID    ; outputActivation = Activation.SIGMOID, loss = Loss.MSE",
    // medium: looped, blocks of samples
    "64-32-10       ; {64, 32, 10}       ; RELU       ; loss = Loss.CROSS_ENTROPY",
    // at the unroll limit: 256 multiply-adds per layer, unrolled
    "16-16-16-3     ; {16, 16, 16, 3}    ; TANH       ; loss = Loss.CROSS_ENTROPY",
    // 256 multiply-adds but looped by the byte budget
    "256-1          ; {256, 1}           ; SIGMOID    ; loss = Loss.MSE",
    "1-256          ; {1, 256}           ; SIGMOID    ; loss = Loss.MSE",
    // unrolled layers whose estimates come closest to the budget (5,760 and 5,610 of 6,000)
    "60-4-60        ; {60, 4, 60}        ; SIGMOID    ; outputActivation = Activation.SIGMOID, loss = Loss.MSE",
    "5-51-5         ; {5, 51, 5}         ; LEAKY_RELU ; loss = Loss.HINGE",
    "75-2           ; {75, 2}            ; SIGMOID    ; loss = Loss.BINARY_CROSS_ENTROPY",
    // large
    "784-512-256-10 ; {784, 512, 256, 10}; RELU       ; loss = Loss.CROSS_ENTROPY",
    // the Vector API's register-blocked kernels for the looped ones
    "64-32-10 vector       ; {64, 32, 10}       ; RELU    ; codeStyle = CodeStyle.VECTOR_API, loss = Loss.CROSS_ENTROPY",
    "256-1 vector          ; {256, 1}           ; SIGMOID ; codeStyle = CodeStyle.VECTOR_API, loss = Loss.MSE",
    "1-256 vector          ; {1, 256}           ; SIGMOID ; codeStyle = CodeStyle.VECTOR_API, loss = Loss.MSE",
    "784-512-256-10 vector ; {784, 512, 256, 10}; TANH    ; codeStyle = CodeStyle.VECTOR_API, loss = Loss.HINGE",
  })
  void everyMethodFitsTheJitLimit(String name, String layers, String hidden, String rest) throws IOException {
    List<MethodSize> methods = compileAndMeasure(name, layers, hidden, rest);
    List<String> chunks = methods.stream().map(MethodSize::name).filter(n -> CHUNK.matcher(n).matches())
        .collect(Collectors.toList());
    assertEquals(List.of(), chunks, name + ": a network this shallow keeps every method whole");
    if (rest.contains("VECTOR_API")) {
      vectorKernelsHoldOneTileEach(name, methods);
    }
  }

  /** A block kernel of the Vector API style, or the method of its wide tiles. */
  private static final Pattern VECTOR_KERNEL =
      Pattern.compile("(forward|accumulate|propagate)\\d+Block(Wide)?|predictForward\\d+(Wide)?");

  /**
   * Bytes of bytecode a Vector API kernel stays under so that C1 compiles it. C1 does not
   * intrinsify the Vector API: it inlines the API's Java code, and its linear-scan register
   * allocator gives up ({@code COMPILE SKIPPED: out of virtual registers in linear scan} at tier 3)
   * on twelve kernels of the 784-128-64-10 benchmark networks when each held both the wide and the
   * narrow tiles (2,361 to 2,629 bytes; others of 2,336 to 2,340 bytes compiled), and on none
   * since each holds one tile (at most 1,396 bytes), with {@code PRINT_COMPILATION=1
   * benchmarks/run.sh} (see BENCHMARKS.md). C1's limit counts virtual registers, not bytes, so
   * this is a proxy that keeps the two tiles in separate methods.
   */
  private static final int C1_KERNEL_BYTES = 2000;

  /**
   * The Vector API kernels keep one tile size per method: every block kernel whose layer has
   * whole vectors to tile comes with its wide-tile method ({@code kernel + "Wide"}), and all of
   * them are under {@link #C1_KERNEL_BYTES}. Their size does not grow with the layers (the loop
   * bounds are constants), so the networks above cover them.
   */
  private static void vectorKernelsHoldOneTileEach(String name, List<MethodSize> methods) {
    List<MethodSize> kernels = methods.stream().filter(m -> m.className().equals("p/NetImpl"))
        .filter(m -> VECTOR_KERNEL.matcher(m.name()).matches()).collect(Collectors.toList());
    Set<String> names = kernels.stream().map(MethodSize::name).collect(Collectors.toSet());
    // propagate1Block, the input gradient, is dot products in portable code in both styles
    List<String> withoutWide = names.stream().filter(n -> !n.endsWith("Wide") && !n.equals("propagate1Block"))
        .filter(n -> !names.contains(n + "Wide")).sorted().collect(Collectors.toList());
    assertFalse(kernels.isEmpty(), name + ": no Vector API kernels found");
    assertEquals(List.of(), withoutWide, name + ": block kernels without a wide-tile method");
    MethodSize largest = kernels.stream().max(Comparator.comparingInt(MethodSize::codeLength)).orElseThrow();
    System.out.printf("BytecodeSizeTest: %-21s largest Vector API kernel %s = %,d bytes (C1 bound %,d)%n",
        name, largest.name(), largest.codeLength(), C1_KERNEL_BYTES);
    List<MethodSize> tooLarge = kernels.stream().filter(m -> m.codeLength() > C1_KERNEL_BYTES)
        .collect(Collectors.toList());
    assertEquals(List.of(), tooLarge, name + ": Vector API kernels C1 may not compile");
  }

  /** The name of a chunk method that holds a range of layers of a split per-network method. */
  private static final Pattern CHUNK = Pattern.compile("[a-zA-Z]+Layers\\d+To\\d+");

  /** Per-network methods, whose code grows with the number of layers (or their chunks). */
  private static final Set<String> PER_NETWORK = Set.of(
      "<init>", "<clinit>", "initialize", "getParameters", "setParameters", "clearGradients", "exportGradients",
      "forwardSample", "forwardBlock", "backwardBlock", "predictBlock", "trainSample", "bindViews", "syncRows", "replicate");

  /**
   * Deep networks: their per-network methods are split into chunks of layers by the plan's budget
   * ({@link Planner#PER_NETWORK_METHOD_BUDGET}, 6,000 bytes), which the real sizes must respect
   * too, so the plan's estimates are not too low. The deepest is the most the processor accepts
   * ({@link NetworkRules#MAX_WEIGHT_LAYERS}), in the layer kind with the most constant-pool entries
   * per layer (looped, large offsets) and in the kind with the most per-network code per layer
   * (unrolled: every per-network method, {@code trainSample} included, is split).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    "100 looped of 64       ; 64 ; 64 ; 100  ; 10 ; RELU ; loss = Loss.CROSS_ENTROPY",
    "100 looped of 64 vector; 64 ; 64 ; 100  ; 10 ; RELU ; codeStyle = CodeStyle.VECTOR_API, loss = Loss.CROSS_ENTROPY",
    "300 unrolled of 4      ; 4  ; 4  ; 300  ; 2  ; TANH ; loss = Loss.CROSS_ENTROPY",
    "1000 looped of 17      ; 17 ; 17 ; 1000 ; 2  ; TANH ; loss = Loss.CROSS_ENTROPY",
    "1000 unrolled of 3     ; 3  ; 3  ; 1000 ; 1  ; IDENTITY ; loss = Loss.MSE",
  })
  void deepNetworksSplitTheirPerNetworkMethods(String name, int inputs, int width, int weightLayers, int outputs,
      String hidden, String rest) throws Exception {
    StringBuilder layers = new StringBuilder("{").append(inputs);
    for (int l = 1; l < weightLayers; l++) {
      layers.append(", ").append(width);
    }
    layers.append(", ").append(outputs).append("}");
    Compilation compilation = compile(layers.toString(), hidden, rest);
    List<MethodSize> methods = measure(name, compilation);

    List<MethodSize> overBudget = methods.stream()
        .filter(m -> PER_NETWORK.contains(m.name()) || CHUNK.matcher(m.name()).matches())
        .filter(m -> m.codeLength() > Planner.PER_NETWORK_METHOD_BUDGET)
        .collect(Collectors.toList());
    assertEquals(List.of(), overBudget, name + ": per-network methods over the plan's budget");
    Set<String> split = methods.stream().map(MethodSize::name).filter(n -> CHUNK.matcher(n).matches())
        .map(n -> n.substring(0, n.indexOf("Layers"))).collect(Collectors.toCollection(TreeSet::new));
    System.out.printf("BytecodeSizeTest: %-21s split %s%n", name, split);
    assertTrue(split.containsAll(List.of("allocate", "replicate", "exportGradients")), name + ": " + split);
    if (weightLayers == NetworkRules.MAX_WEIGHT_LAYERS && width <= 4) {
      assertTrue(split.containsAll(List.of("getParameters", "setParameters", "clearGradients", "forwardSample",
          "forwardBlock", "backwardBlock", "trainSampleDeltas", "trainSampleUpdates")), name + ": " + split);
    }
    if (!rest.contains("VECTOR_API")) { // the surefire JVM runs without the incubator module
      splitNetworkComputesTheRightThing(name, compilation, layers.toString());
    }
  }

  /**
   * The split code still computes the network: the layer sizes (parsed from text at this depth),
   * a bit-exact parameter round trip, the gradient against central finite differences (the
   * independent truth) on parameters drawn from every depth, and one training step of one sample
   * (trainSample for unrolled networks, applyGradients for looped ones) against p - rate * gradient.
   * Weights near the identity keep the signal and the gradient alive through hundreds of tanh or
   * identity layers, so deep layers' gradients are far from zero and order-sensitive.
   */
  private static void splitNetworkComputesTheRightThing(String name, Compilation compilation, String layers)
      throws Exception {
    int[] sizes = Arrays.stream(layers.replaceAll("[{} ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
    Class<?> type = new GenerationTest.GeneratedClassLoader(compilation).loadClass("p.NetImpl");
    NeuralNetwork net = (NeuralNetwork) type.getConstructor(long.class).newInstance(7L);
    assertArrayEquals(sizes, net.layerSizes(), name);

    ParameterLayout layout = ParameterLayout.of(sizes);
    SplittableRandom random = new SplittableRandom(11);
    double[] parameters = new double[net.parameterCount()];
    for (int l = 1; l < sizes.length; l++) {
      for (int i = 0; i < sizes[l]; i++) {
        for (int j = 0; j < sizes[l - 1]; j++) {
          parameters[layout.weightOffset(l) + i * sizes[l - 1] + j] = (i == j ? 1.0 : 0.0) + random.nextDouble(-0.01, 0.01);
        }
        parameters[layout.biasOffset(l) + i] = random.nextDouble(-0.01, 0.01);
      }
    }
    net.setParameters(parameters);
    double[] back = new double[parameters.length];
    net.getParameters(back);
    assertArrayEquals(parameters, back, name + ": getParameters returns what setParameters was given");

    int batch = 3;
    double[] inputs = random.doubles((long) batch * sizes[0], -0.3, 0.3).toArray();
    int outputs = sizes[sizes.length - 1];
    double[] targets = random.doubles((long) batch * outputs, -0.3, 0.3).toArray();
    int[] labels = random.ints(batch, 0, outputs).toArray();
    GradientCheck.Objective objective = net instanceof Classifier classifier
        ? g -> classifier.lossAndGradient(inputs, labels, batch, g)
        : g -> ((TargetTrainable) net).lossAndGradient(inputs, targets, batch, g);
    GradientCheck.Result check = GradientCheck.check(net, objective, 40, 5L);
    System.out.printf("BytecodeSizeTest: %-21s gradient check: %s%n", name, check);
    assertTrue(check.maxRelativeError() < 1e-5, name + ": " + check);

    double rate = 0.1;
    double[] gradient = new double[parameters.length];
    GradientCheck.Objective one = net instanceof Classifier classifier
        ? g -> classifier.lossAndGradient(Arrays.copyOf(inputs, sizes[0]), new int[] {labels[0]}, 1, g)
        : g -> ((TargetTrainable) net).lossAndGradient(Arrays.copyOf(inputs, sizes[0]), Arrays.copyOf(targets, outputs), 1, g);
    one.lossAndGradient(gradient);
    if (net instanceof Classifier classifier) {
      classifier.trainStep(Arrays.copyOf(inputs, sizes[0]), new int[] {labels[0]}, 1, rate);
    } else {
      ((TargetTrainable) net).trainStep(Arrays.copyOf(inputs, sizes[0]), Arrays.copyOf(targets, outputs), 1, rate);
    }
    net.getParameters(back);
    double worst = 0;
    for (int k = 0; k < parameters.length; k++) {
      worst = Math.max(worst, Math.abs(back[k] - (parameters[k] - rate * gradient[k])));
    }
    assertTrue(worst < 1e-12, name + ": a training step differs from p - rate * gradient by " + worst);
  }

  /** Compiles {@code p.Net}, prints its largest method, asserts all are below the limit and returns them. */
  private static List<MethodSize> compileAndMeasure(String name, String layers, String hidden, String rest)
      throws IOException {
    return measure(name, compile(layers, hidden, rest));
  }

  private static Compilation compile(String layers, String hidden, String rest) {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "p.Net",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = " + layers + ", activation = Activation." + hidden + ", " + rest + ")",
            "public interface Net {}");
    List<String> options =
        rest.contains("VECTOR_API") ? List.of("--add-modules", "jdk.incubator.vector") : List.of();
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).withOptions(options).compile(source);
    assertThat(compilation).succeeded();
    return compilation;
  }

  private static List<MethodSize> measure(String name, Compilation compilation) throws IOException {
    List<MethodSize> methods = new ArrayList<>();
    int constants = 0;
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        ClassFile parsed = ClassFile.parse(read(file));
        methods.addAll(parsed.methods());
        constants = Math.max(constants, parsed.constants());
      }
    }
    assertTrue(methods.stream().anyMatch(m -> m.className().equals("p/NetImpl")), "NetImpl.class was read");

    MethodSize largest = methods.stream().max(Comparator.comparingInt(MethodSize::codeLength)).orElseThrow();
    System.out.printf(
        "BytecodeSizeTest: %-21s largest method %s.%s = %,d bytes of bytecode (limit %,d), %d methods,"
            + " %,d constants (limit 65,535)%n",
        name, simpleName(largest.className()), largest.name(), largest.codeLength(), HUGE_METHOD_LIMIT,
        methods.size(), constants);

    List<MethodSize> huge =
        methods.stream().filter(m -> m.codeLength() > HUGE_METHOD_LIMIT).collect(Collectors.toList());
    assertEquals(List.of(), huge, name + ": methods over HotSpot's HugeMethodLimit");
    return methods;
  }

  /**
   * The parser against facts that do not depend on it: the method names that reflection sees, and
   * two getters whose bytecode the JVM specification fixes. {@code return INPUTS} with the
   * constant 2 is iconst_2, ireturn (2 bytes); {@code return PARAMETERS} with 15 is bipush 15,
   * ireturn (3 bytes).
   */
  @Test
  void parserReadsTheRealMethods() throws Exception {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "p.Net",
            "package p;",
            "import dev.neurogen.*;",
            "@Network(layers = {2, 2, 2, 1}, loss = Loss.MSE)",
            "public interface Net {}");
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).compile(source);
    assertThat(compilation).succeeded();
    JavaFileObject file =
        compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "p/NetImpl.class").orElseThrow();
    ClassFile parsed = ClassFile.parse(read(file));
    assertEquals("p/NetImpl", parsed.name());

    Map<String, Integer> sizes = new TreeMap<>();
    for (MethodSize method : parsed.methods()) {
      sizes.put(method.name(), method.codeLength());
    }
    assertEquals(2, sizes.get("inputSize"));
    assertEquals(3, sizes.get("parameterCount"));

    Class<?> type = new GenerationTest.GeneratedClassLoader(compilation).loadClass("p.NetImpl");
    Set<String> reflected =
        Arrays.stream(type.getDeclaredMethods()).map(m -> m.getName()).collect(Collectors.toSet());
    Set<String> parsedNames =
        sizes.keySet().stream().filter(n -> !n.startsWith("<")).collect(Collectors.toSet());
    assertEquals(reflected, parsedNames);
    assertFalse(parsedNames.isEmpty());
  }

  // ------------------------------------------------------------------ class file reading

  private static byte[] read(JavaFileObject file) throws IOException {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    }
  }

  private static String simpleName(String internalName) {
    return internalName.substring(internalName.lastIndexOf('/') + 1);
  }

  /** One method and the length of its bytecode (0 for abstract and native methods). */
  record MethodSize(String className, String name, String descriptor, int codeLength) {}

  /**
   * Just enough of the class file format (JVMS chapter 4) to find each method's Code attribute:
   * the constant pool (for names), then fields and methods with their attributes. Everything else
   * is skipped by its declared length, and the parse must end exactly at the end of the file.
   */
  record ClassFile(String name, List<MethodSize> methods, int constants) {

    static ClassFile parse(byte[] bytes) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort(); // minor_version
      in.readUnsignedShort(); // major_version
      ConstantPool pool = ConstantPool.read(in);
      String[] utf8 = pool.utf8();
      in.readUnsignedShort(); // access_flags
      String name = utf8[pool.classNameIndex()[in.readUnsignedShort()]];
      in.readUnsignedShort(); // super_class
      int interfaces = in.readUnsignedShort();
      in.skipNBytes(2L * interfaces);
      int fields = in.readUnsignedShort();
      for (int f = 0; f < fields; f++) {
        in.skipNBytes(6); // access_flags, name_index, descriptor_index
        skipAttributes(in);
      }
      List<MethodSize> methods = new ArrayList<>();
      int methodCount = in.readUnsignedShort();
      for (int m = 0; m < methodCount; m++) {
        in.readUnsignedShort(); // access_flags
        String methodName = utf8[in.readUnsignedShort()];
        String descriptor = utf8[in.readUnsignedShort()];
        int codeLength = 0;
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attributeName = utf8[in.readUnsignedShort()];
          long length = Integer.toUnsignedLong(in.readInt());
          if (attributeName.equals("Code")) {
            in.readUnsignedShort(); // max_stack
            in.readUnsignedShort(); // max_locals
            codeLength = in.readInt();
            in.skipNBytes(length - 8);
          } else {
            in.skipNBytes(length);
          }
        }
        methods.add(new MethodSize(name, methodName, descriptor, codeLength));
      }
      skipAttributes(in);
      if (in.read() != -1) {
        throw new IOException("trailing bytes after the class attributes");
      }
      return new ClassFile(name, methods, pool.utf8().length);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
      int count = in.readUnsignedShort();
      for (int a = 0; a < count; a++) {
        in.readUnsignedShort(); // attribute_name_index
        in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
      }
    }
  }

  /**
   * The constant pool, reduced to what names need: the UTF-8 entries by index, and for each
   * CONSTANT_Class entry the index of its name (null and 0 elsewhere).
   */
  record ConstantPool(String[] utf8, int[] classNameIndex) {

    static ConstantPool read(DataInputStream in) throws IOException {
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1: // Utf8
            utf8[i] = in.readUTF();
            break;
          case 7: // Class
            classNames[i] = in.readUnsignedShort();
            break;
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            in.skipNBytes(2);
            break;
          case 15: // MethodHandle
            in.skipNBytes(3);
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            in.skipNBytes(4);
            break;
          case 5: // Long
          case 6: // Double: eight bytes, and they take two pool slots
            in.skipNBytes(8);
            i++;
            break;
          default:
            throw new IOException("unknown constant pool tag " + tag + " at index " + i);
        }
      }
      return new ConstantPool(utf8, classNames);
    }
  }
}
