package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: its "complete example" is compiled with the processor exactly as
 * written, run, and must train XOR (the loss printed at epoch 4000 below 0.01, xor(1, 0) near 1).
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void readmeExampleCompilesAndLearnsXor() throws Exception {
    String example = readmeExample();
    JavaFileObject source = JavaFileObjects.forSourceString("demo.Main", "package demo;\n\n" + example);
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("demo.XorImpl");

    String output = run(compilation, "demo.Main");
    Matcher last = Pattern.compile("epoch 4000  loss (\\S+)").matcher(output);
    assertTrue(last.find(), output);
    assertTrue(Double.parseDouble(last.group(1)) < 0.01, output);
    Matcher xor = Pattern.compile("xor\\(1, 0\\) = (\\S+)").matcher(output);
    assertTrue(xor.find(), output);
    assertEquals(1.0, Double.parseDouble(xor.group(1)), 0.1, output);
  }

  private static String readmeExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## A complete example\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has no '## A complete example' java block");
    return block.group(1);
  }

  /** Loads the compiled classes (runtime classes come from the test class path) and runs main. */
  private static String run(Compilation compilation, String mainClass) throws Exception {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "").replace(".class", "").replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        }
      }
    }
    ClassLoader loader = new ClassLoader(ReadmeExampleTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      // the README's Main is package-private, as a user's would often be
      java.lang.reflect.Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
      main.setAccessible(true);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
