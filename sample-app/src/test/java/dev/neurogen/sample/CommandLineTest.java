package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, listing and the user's mistakes: clear messages and the right exit codes. */
class CommandLineTest {
  @TempDir Path temp;

  @Test
  void helpListsEveryCommand() {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.exitCode(), r::toString);
    for (String command : new String[] {"train", "evaluate", "predict", "bench"}) {
      assertTrue(r.out().contains(command), command + " missing from\n" + r);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"train", "evaluate", "predict", "bench"})
  void everyCommandHasHelp(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("Usage: sample-app " + command), r::toString);
  }

  @Test
  void listShowsEveryDeclaredNetworkWithItsShape() {
    Cli.Result r = Cli.run("train", "--list");
    assertEquals(0, r.exitCode(), r::toString);
    for (NetworkCatalog.Entry e : NetworkCatalog.ALL) {
      assertTrue(r.out().contains(e.name()), e.name() + " missing from\n" + r);
      assertTrue(r.out().contains(e.shape()), e.shape() + " missing from\n" + r);
    }
    assertTrue(r.out().contains("64-32-10"), r::toString);
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result r = Cli.run("train", "--epoch", "3");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Unknown options: '--epoch', '3'"), r::toString);
    assertTrue(r.err().contains("Possible solutions: --epochs"), r::toString);
  }

  @Test
  void unknownCommandIsAUsageError() {
    Cli.Result r = Cli.run("fit");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Unmatched argument at index 0: 'fit'"), r::toString);
  }

  @Test
  void badOptimizerNamesTheChoices() {
    Cli.Result r = Cli.run("train", "--optimizer", "lbfgs");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--optimizer"), r::toString);
    assertTrue(r.err().contains("adam"), r::toString);
  }

  @Test
  void badNumberIsAUsageError() {
    Cli.Result r = Cli.run("train", "--batch-size", "lots");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--batch-size"), r::toString);
  }

  @Test
  void outOfRangeNumbersNameTheOption() {
    Cli.Result r = Cli.run("train", "--batch-size", "0");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--batch-size must be at least 1, got 0"), r::toString);
    r = Cli.run("train", "--learning-rate", "-1");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--learning-rate must be a positive number"), r::toString);
    r = Cli.run("train", "--test-fraction", "0.6", "--validation-fraction", "0.5");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("must stay below 1"), r::toString);
  }

  @Test
  void missingFashionMnistSaysHowToInstallIt() {
    Path nowhere = temp.resolve("no-such-folder");
    Cli.Result r = Cli.run("train", "--dataset", "fashion", "--data", nowhere.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Fashion-MNIST not found: " + nowhere), r::toString);
    assertTrue(r.err().contains("sudo apt-get install dataset-fashion-mnist"), r::toString);
    assertTrue(r.err().contains("--data DIR"), r::toString);
  }

  @Test
  void divergingTrainingIsAClearError() {
    Cli.Result r =
        Cli.run(
            "train", "--dataset", "iris", "--learning-rate", "1e307",
            "--plain", "--out", temp.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().startsWith("sample-app train: "), r::toString);
    assertTrue(r.err().contains("learning rate"), r::toString);
  }

  @Test
  void csvWithoutFileIsRefused() {
    Cli.Result r = Cli.run("train", "--dataset", "csv");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--dataset csv needs --csv FILE"), r::toString);
  }
}
