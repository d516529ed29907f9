package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command on small data: what it prints, the files it writes, and that they agree. */
class CommandsTest {
  private static final Pattern TEST_ACCURACY =
      Pattern.compile("test accuracy (\\d+\\.\\d+)% \\((\\d+) of (\\d+)\\)");

  @TempDir Path temp;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private Cli.Result train(Path out, String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "train";
    args[1] = "--plain";
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return Cli.run(args);
  }

  @Test
  void trainPrintsEpochsTestAccuracyConfusionMatrixAndThePaths() throws IOException {
    Cli.Result r = train(temp, "--epochs", "3");
    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(out.startsWith("digits-large (64-128-64-10) on digits"), r::toString);
    assertTrue(out.contains("epoch 1/3"), r::toString);
    assertTrue(out.contains("epoch 3/3"), r::toString);
    assertTrue(out.contains("samples/s"), r::toString);
    // the toolkit's per-epoch line: training and validation loss and accuracy, no bar in a test
    assertTrue(
        out.matches(
            "(?s).*\nepoch 3/3  79 batches +\\d+\\.\\d\\ds +[\\d,]+ samples/s  loss \\d\\.\\d{6}"
                + "  accuracy \\d\\.\\d{4}  val_loss \\d\\.\\d{6}  val_accuracy \\d\\.\\d{4}  lr .*"),
        r::toString);
    assertTrue(!out.contains("\r"), r::toString);
    assertTrue(TEST_ACCURACY.matcher(out).find(), r::toString);
    assertTrue(out.contains("Confusion matrix"), r::toString);
    Path model = temp.resolve("digits-large.model");
    Path chart = temp.resolve("digits-large.png");
    assertTrue(out.contains("chart: " + chart.toAbsolutePath()), r::toString);
    assertTrue(out.contains("model: " + model.toAbsolutePath()), r::toString);
    assertTrue(Files.size(model) > 17226 * 8, "the model file holds the 17,226 parameters");
    assertEquals(2 * TrainingChart.WIDTH, ImageIO.read(chart.toFile()).getWidth());
  }

  @Test
  void withoutArgumentsItTrainsDigitsToTheTarget() {
    // The README's main job. The output folder comes from a system property so the test writes
    // into its temporary folder; the app's default is ./sample-app-output.
    System.setProperty("neurogen.sample.out", temp.toString());
    Cli.Result r;
    try {
      r = Cli.run();
    } finally {
      System.clearProperty("neurogen.sample.out");
    }
    assertEquals(0, r.exitCode(), r::toString);
    Matcher m = TEST_ACCURACY.matcher(r.out());
    assertTrue(m.find(), r::toString);
    assertTrue(Double.parseDouble(m.group(1)) >= 97.0, "digits target 97%: " + m.group());
    assertTrue(r.out().contains("chart: " + temp.resolve("digits-large.png").toAbsolutePath()),
        r::toString);
    assertTrue(Files.exists(temp.resolve("digits-large.model")));
  }

  @Test
  void irisDefaultsReachTheTarget() {
    Cli.Result r = train(temp, "--dataset", "iris");
    assertEquals(0, r.exitCode(), r::toString);
    Matcher m = TEST_ACCURACY.matcher(r.out());
    assertTrue(m.find(), r::toString);
    assertTrue(Double.parseDouble(m.group(1)) >= 95.0, "iris target 95%: " + m.group());
  }

  @Test
  void sameSeedAndFlagsGiveTheSameModelFileByteForByte() throws IOException {
    Path a = temp.resolve("a");
    Path b = temp.resolve("b");
    Path c = temp.resolve("c");
    assertEquals(0, train(a, "--epochs", "2", "--seed", "7").exitCode());
    assertEquals(0, train(b, "--epochs", "2", "--seed", "7").exitCode());
    assertEquals(0, train(c, "--epochs", "2", "--seed", "8").exitCode());
    byte[] first = Files.readAllBytes(a.resolve("digits-large.model"));
    assertEquals(-1, Files.mismatch(a.resolve("digits-large.model"), b.resolve("digits-large.model")));
    assertNotEquals(-1, Files.mismatch(a.resolve("digits-large.model"), c.resolve("digits-large.model")));
    assertTrue(first.length > 0);
  }

  @Test
  void evaluateAndPredictReproduceTrainsTestAccuracy() throws IOException {
    Path testRows = temp.resolve("test.csv");
    Cli.Result trained =
        train(temp, "--dataset", "iris", "--epochs", "20", "--save-test", testRows.toString());
    assertEquals(0, trained.exitCode(), trained::toString);
    Matcher m = TEST_ACCURACY.matcher(trained.out());
    assertTrue(m.find(), trained::toString);
    String correct = m.group(2);
    String total = m.group(3);
    double fraction = Double.parseDouble(correct) / Double.parseDouble(total);
    Path model = temp.resolve("iris-small.model");

    Cli.Result evaluated = Cli.run("evaluate", model.toString(), "--dataset", "iris");
    assertEquals(0, evaluated.exitCode(), evaluated::toString);
    assertTrue(
        evaluated.out().contains(String.format(Locale.ROOT, "accuracy %.4f", fraction)),
        evaluated::toString);
    for (String name : List.of("setosa", "versicolor", "virginica", "precision", "recall", "f1")) {
      assertTrue(evaluated.out().contains(name), name + " missing from\n" + evaluated);
    }

    Cli.Result predicted = Cli.run("predict", model.toString(), testRows.toString(), "--label", "class");
    assertEquals(0, predicted.exitCode(), predicted::toString);
    List<String> lines = predicted.out().lines().toList();
    assertEquals(Integer.parseInt(total) + 1, lines.size(), predicted::toString);
    assertTrue(lines.get(0).matches("(setosa|versicolor|virginica),[01]\\.\\d{4}"), lines.get(0));
    assertEquals(
        String.format(Locale.ROOT, "# accuracy %.2f%% (%s of %s)", 100 * fraction, correct, total),
        lines.get(lines.size() - 1));
  }

  @Test
  void predictReadsRowsFromStandardInput() throws IOException {
    assertEquals(0, train(temp, "--dataset", "iris", "--epochs", "5").exitCode());
    Path model = temp.resolve("iris-small.model");
    Cli.Result r =
        Cli.runWithInput(
            "sepal length,sepal width,petal length,petal width\n5.1,3.5,1.4,0.2\n6.3,3.3,6.0,2.5\n",
            "predict", model.toString());
    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("setosa,"), r::toString);
    assertTrue(lines.get(1).startsWith("virginica,"), r::toString);
  }

  @Test
  void predictNamesTheBadField() throws IOException {
    assertEquals(0, train(temp, "--dataset", "iris", "--epochs", "1").exitCode());
    Path model = temp.resolve("iris-small.model");
    Cli.Result r = Cli.runWithInput("5.1,3.5,1.4,0.2\n6.3,3.3,six,2.5\n", "predict", model.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("standard input line 2, column 3: 'six' is not a number"), r::toString);
    r = Cli.runWithInput("5.1,3.5,1.4\n", "predict", model.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("line 1: 3 fields, but the model takes 4 features"), r::toString);
  }

  @Test
  void missingAndDamagedModelFilesAreClearErrors() throws IOException {
    Path missing = temp.resolve("nothing.model");
    Cli.Result r = Cli.run("evaluate", missing.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("model file not found: " + missing), r::toString);
    r = Cli.run("predict", missing.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("model file not found"), r::toString);

    assertEquals(0, train(temp, "--dataset", "iris", "--epochs", "1").exitCode());
    Path model = temp.resolve("iris-small.model");
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 3] ^= 1;
    Path damaged = temp.resolve("damaged.model");
    Files.write(damaged, bytes);
    r = Cli.run("evaluate", damaged.toString(), "--dataset", "iris");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().startsWith("sample-app evaluate: "), r::toString);
    assertTrue(r.err().contains("checksum"), r::toString);
  }

  @Test
  void evaluateOnAnotherDataSetSaysWhichToGive() {
    assertEquals(0, train(temp, "--dataset", "iris", "--epochs", "1").exitCode());
    Cli.Result r = Cli.run("evaluate", temp.resolve("iris-small.model").toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("takes 4 features and 3 classes, but digits has 64 and 10"),
        r::toString);
    assertTrue(r.err().contains("--dataset NAME"), r::toString);
  }

  @Test
  void benchPrintsSamplesPerSecond() {
    Cli.Result r = Cli.run("bench", "--dataset", "iris", "--rounds", "1", "--seconds", "0.2");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("iris-small: training "), r::toString);
    assertTrue(r.out().matches("(?s).*training [\\d,]+ samples/s.*prediction [\\d,]+ samples/s.*"),
        r::toString);
  }

  @Test
  void csvFileIsTrainedByTheNetworkThatFitsIt() throws IOException {
    Path csv = temp.resolve("flowers.csv");
    Runs.writeCsv(DataSets.iris(), csv);
    Cli.Result r = train(temp, "--csv", csv.toString(), "--label", "class", "--epochs", "2");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("iris-small (4-8-3) on flowers.csv"), r::toString);
    assertTrue(r.out().contains("setosa"), r::toString);
  }

  @Test
  void csvThatNoNetworkFitsSaysHowToDeclareOne() throws IOException {
    Path csv = temp.resolve("wide.csv");
    Files.writeString(csv, "a,b,c,y\n1,2,3,x\n4,5,6,y\n7,8,9,x\n1,1,1,y\n2,2,2,x\n3,3,3,y\n");
    Cli.Result r = train(temp, "--csv", csv.toString(), "--label", "y");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no declared network takes 3 inputs and 2 classes"), r::toString);
    assertTrue(r.err().contains("@Network(layers = {3, ..., 2})"), r::toString);
  }

  @Test
  void missingCsvFileIsAClearError() {
    Path missing = temp.resolve("none.csv");
    Cli.Result r = train(temp, "--csv", missing.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("CSV file not found: " + missing), r::toString);
  }

  @Test
  void networkForAnotherDataSetIsRefused() {
    Cli.Result r = train(temp, "--network", "iris-large");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("iris-large (4-16-16-3) does not fit digits"), r::toString);
    assertTrue(r.err().contains("networks that fit: digits-small, digits-large"), r::toString);
    r = train(temp, "--network", "resnet");
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no network called 'resnet'"), r::toString);
  }

  @Test
  void fashionMnistIsReadFromIdxFiles() throws IOException {
    Path folder = temp.resolve("fashion");
    Files.createDirectories(folder);
    writeIdx(folder, "train", 120, 1);
    writeIdx(folder, "t10k", 30, 2);
    Cli.Result r =
        train(temp, "--dataset", "fashion", "--data", folder.toString(), "--epochs", "1");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("fashion-small (784-128-64-10) on fashion: 110 training, 10"
        + " validation, 30 test rows"), r::toString);
    assertTrue(r.out().contains("Ankle boot"), r::toString);
  }

  /** Writes gzip-compressed IDX image and label files of random images, labels cycling 0..9. */
  private static void writeIdx(Path folder, String prefix, int count, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (DataOutputStream images =
        new DataOutputStream(gzip(folder.resolve(prefix + "-images-idx3-ubyte.gz")))) {
      images.writeInt(0x00000803);
      images.writeInt(count);
      images.writeInt(28);
      images.writeInt(28);
      for (int i = 0; i < count * 28 * 28; i++) {
        images.writeByte(random.nextInt(256));
      }
    }
    try (DataOutputStream labels =
        new DataOutputStream(gzip(folder.resolve(prefix + "-labels-idx1-ubyte.gz")))) {
      labels.writeInt(0x00000801);
      labels.writeInt(count);
      for (int i = 0; i < count; i++) {
        labels.writeByte(i % 10);
      }
    }
  }

  private static OutputStream gzip(Path file) throws IOException {
    return new GZIPOutputStream(Files.newOutputStream(file));
  }
}
