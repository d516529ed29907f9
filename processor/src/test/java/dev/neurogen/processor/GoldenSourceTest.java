package dev.neurogen.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The exact generated source of the third tutorial's 2-2-2-1 network, compared character for
 * character with {@code src/test/resources/golden/Tutorial3Impl.java}, so that any change to the
 * generated code or its formatting shows up in review as a diff of that file.
 *
 * <p>To accept an intended change, regenerate the golden file and review its diff:
 *
 * <pre>
 * NEUROGEN_UPDATE_GOLDEN=1 mvn -B -q -pl processor -am verify -Dtest=GoldenSourceTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * git diff processor/src/test/resources/golden/
 * </pre>
 *
 * With {@code NEUROGEN_UPDATE_GOLDEN=1} the test writes the file instead of comparing (and so
 * passes); never set it in CI.
 */
class GoldenSourceTest {
  private static final String GOLDEN = "golden/Tutorial3Impl.java";

  private static final JavaFileObject TUTORIAL_3 =
      JavaFileObjects.forSourceLines(
          "tutorial.Tutorial3",
          "package tutorial;",
          "",
          "import static dev.neurogen.Activation.SIGMOID;",
          "import static dev.neurogen.Loss.MSE;",
          "",
          "import dev.neurogen.Network;",
          "import dev.neurogen.TargetTrainable;",
          "",
          "@Network(layers = {2, 2, 2, 1}, activation = SIGMOID, outputActivation = SIGMOID, loss = MSE)",
          "interface Tutorial3 extends TargetTrainable {}");

  @Test
  void tutorial3MatchesTheGoldenSource() throws IOException {
    Compilation compilation = javac().withProcessors(new NetworkProcessor()).compile(TUTORIAL_3);
    assertThat(compilation).succeeded();
    JavaFileObject generated =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, "tutorial/Tutorial3Impl.java")
            .orElseThrow(() -> new AssertionError("tutorial/Tutorial3Impl.java was not generated"));

    if ("1".equals(System.getenv("NEUROGEN_UPDATE_GOLDEN"))) {
      String actual = generated.getCharContent(false).toString();
      Path file = sourceDirectory().resolve(GOLDEN);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      System.out.println("GoldenSourceTest: rewrote " + file);
      return;
    }
    assertThat(compilation)
        .generatedSourceFile("tutorial.Tutorial3Impl")
        .contentsAsUtf8String()
        .isEqualTo(golden());
  }

  private static String golden() throws IOException {
    try (InputStream in = GoldenSourceTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
      assertNotNull(in, GOLDEN + " is missing; run with NEUROGEN_UPDATE_GOLDEN=1 to create it");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** processor/src/test/resources; Maven's surefire runs with the module as working directory. */
  private static Path sourceDirectory() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources");
  }
}
