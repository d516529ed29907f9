package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
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
import java.util.TreeMap;
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

    List<MethodSize> methods = new ArrayList<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        methods.addAll(ClassFile.parse(read(file)).methods());
      }
    }
    assertTrue(methods.stream().anyMatch(m -> m.className().equals("p/NetImpl")), "NetImpl.class was read");

    MethodSize largest = methods.stream().max(Comparator.comparingInt(MethodSize::codeLength)).orElseThrow();
    System.out.printf(
        "BytecodeSizeTest: %-21s largest method %s.%s = %,d bytes of bytecode (limit %,d), %d methods%n",
        name, simpleName(largest.className()), largest.name(), largest.codeLength(), HUGE_METHOD_LIMIT,
        methods.size());

    List<MethodSize> huge =
        methods.stream().filter(m -> m.codeLength() > HUGE_METHOD_LIMIT).collect(Collectors.toList());
    assertEquals(List.of(), huge, name + ": methods over HotSpot's HugeMethodLimit");
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
  record ClassFile(String name, List<MethodSize> methods) {

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
      return new ClassFile(name, methods);
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
