package dev.neurogen.toolkit;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.neurogen.processor.NetworkProcessor;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README honest: its toolkit example ("From a CSV file to a saved model") is compiled
 * with the processor exactly as written, run on the iris CSV file, and must print a test accuracy
 * of at least 0.9, the confusion matrix, and the reloaded model's class of a virginica flower;
 * its {@code main} has at most 20 lines.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  @Test
  void readmeToolkitExampleRunsAsWritten() throws Exception {
    String example = readmeExample();
    Matcher main = Pattern.compile("public static void main\\(String\\[\\] args\\)[^{]*\\{\\n(.*?)\\n  }\\n", Pattern.DOTALL)
        .matcher(example);
    assertTrue(main.find(), example);
    int lines = main.group(1).split("\n").length;
    assertTrue(lines <= 20, "main has " + lines + " lines");

    JavaFileObject source = JavaFileObjects.forSourceString("demo.Main", "package demo;\n\n" + example);
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).compile(source);
    assertThat(compilation).succeeded();

    Path csv = Files.copy(TestData.resource("iris.csv"), dir.resolve("iris.csv"));
    String output = run(compilation, "demo.Main", csv.toString());
    Matcher accuracy = Pattern.compile("accuracy (\\S+),").matcher(output);
    assertTrue(accuracy.find(), output);
    assertTrue(Double.parseDouble(accuracy.group(1)) >= 0.9, output);
    assertTrue(output.contains("Confusion matrix (rows = truth, columns = predicted)"), output);
    assertTrue(output.contains("stopped: "), output);
    String[] lines2 = output.strip().split("\n");
    assertEquals("virginica", lines2[lines2.length - 1].strip(), output);
    assertTrue(Files.exists(dir.resolve("iris.safetensors")));
  }

  private static String readmeExample() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("## From a CSV file to a saved model.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has no '## From a CSV file to a saved model' java block");
    return block.group(1);
  }

  /** Loads the compiled classes (runtime and toolkit classes come from the test class path) and runs main. */
  private static String run(Compilation compilation, String mainClass, String... args) throws Exception {
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
      java.lang.reflect.Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
      main.setAccessible(true);
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
