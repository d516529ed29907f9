package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample app's jobs really learn, and print the same thing every run. */
class SampleAppTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void xorIsLearned() {
    XorDemo.Result result = XorDemo.run(QUIET);
    assertTrue(result.loss() < 0.01, "XOR loss " + result.loss());
    assertEquals(4, result.correct(), "XOR points whose output rounds to the target");
  }

  @Test
  void irisClassifierGeneralises() {
    ClassifierResult result = IrisDemo.run(QUIET);
    assertTrue(result.testAccuracy() >= 0.9, "iris test accuracy " + result.testAccuracy());
    assertTrue(result.trainAccuracy() >= 0.9, "iris train accuracy " + result.trainAccuracy());
  }

  @Test
  void blobsAreSeparated() {
    // The blobs' centres are 2.83 apart with sd 0.6: even the best rule errs on
    // only about 2% of points (each wrong neighbour is 2.36 sd beyond the midway plane).
    ClassifierResult result = BlobsDemo.run(QUIET);
    assertTrue(result.testAccuracy() >= 0.95, "blobs test accuracy " + result.testAccuracy());
  }

  @Test
  void irisResourceIsFishersData() {
    DataSet iris = IrisData.load();
    assertEquals(150, iris.size());
    assertEquals(4, iris.features());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
    int[] perClass = new int[3];
    for (int label : iris.labels()) {
      perClass[label]++;
    }
    assertArrayEquals(new int[] {50, 50, 50}, perClass);
    // First flower of Fisher's table: sepal 5.1 x 3.5 cm, petal 1.4 x 0.2 cm, setosa.
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, Arrays.copyOf(iris.inputs(), 4));
    assertEquals(0, iris.label(0));
  }

  @Test
  void splitIsStratifiedAndDisjoint() {
    DataSet iris = IrisData.load();
    DataSet[] split = IrisDemo.stratifiedSplit(iris, 10, IrisDemo.SPLIT_SEED);
    assertEquals(120, split[0].size());
    assertEquals(30, split[1].size());
    int[] testPerClass = new int[3];
    for (int label : split[1].labels()) {
      testPerClass[label]++;
    }
    assertArrayEquals(new int[] {10, 10, 10}, testPerClass);
    // Every flower lands in exactly one side: compare the multisets of rows.
    double[][] all = rows(iris);
    double[][] both = concat(rows(split[0]), rows(split[1]));
    Arrays.sort(all, Arrays::compare);
    Arrays.sort(both, Arrays::compare);
    assertArrayEquals(all, both);
  }

  @Test
  void standardisedTrainingFeaturesHaveMeanZeroAndUnitSd() {
    DataSet train = IrisDemo.stratifiedSplit(IrisData.load(), 10, 1L)[0];
    DataSet scaled = Standardiser.fit(train).apply(train);
    for (int j = 0; j < 4; j++) {
      double sum = 0;
      double squares = 0;
      for (int s = 0; s < scaled.size(); s++) {
        double v = scaled.inputs()[s * 4 + j];
        sum += v;
        squares += v * v;
      }
      assertEquals(0.0, sum / scaled.size(), 1e-12, "mean of feature " + j);
      assertEquals(1.0, squares / scaled.size(), 1e-12, "variance of feature " + j);
    }
  }

  @Test
  void outputIsTheSameEveryRun() {
    assertEquals(capture(), capture());
  }

  private static String capture() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SampleApp.runAll(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static double[][] rows(DataSet data) {
    double[][] rows = new double[data.size()][];
    for (int s = 0; s < data.size(); s++) {
      double[] row = new double[data.features() + 1];
      data.copyRow(s, row, 0);
      row[data.features()] = data.label(s);
      rows[s] = row;
    }
    return rows;
  }

  private static double[][] concat(double[][] a, double[][] b) {
    double[][] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
