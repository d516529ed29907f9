package dev.neurogen.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.toolkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetTest {
  @TempDir Path dir;

  @Test
  void fromRowsAndRowMajorAreEqualAndCopied() {
    double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
    int[] labels = {0, 2, 1};
    DataSet a = DataSet.ofLabels(rows, labels);
    DataSet b = DataSet.ofLabels(new double[] {1, 2, 3, 4, 5, 6}, 2, labels);
    assertEquals(a, b);
    rows[0][0] = 99;
    labels[0] = 1;
    assertEquals(1.0, a.feature(0, 0));
    assertEquals(0, a.label(0));
    assertEquals(List.of("0", "1", "2"), a.classNames());
    assertEquals(3, a.size());
    assertEquals(2, a.featureCount());
    double[] row = new double[3];
    a.copyFeatures(2, row, 1);
    assertArrayEquals(new double[] {0, 5, 6}, row);
  }

  @Test
  void targetsDataSet() {
    DataSet d = DataSet.ofTargets(new double[][] {{1}, {2}}, new double[][] {{0.5, 1}, {1.5, 2}});
    assertEquals(2, d.targetCount());
    assertEquals(1.5, d.target(1, 0));
    assertTrue(!d.hasLabels());
    assertThrows(IllegalStateException.class, () -> d.label(0));
  }

  @Test
  void badArgumentsNameTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSet.ofLabels(new double[][] {{1, 2}, {3}}, new int[] {0, 1}));
    assertTrue(e.getMessage().contains("features[1] has 1 values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSet.ofLabels(new double[] {1, 2, 3}, 2, new int[] {0, 1}));
    assertTrue(e.getMessage().contains("features has length 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSet.ofLabels(new double[] {1, Double.NaN}, 1, new int[] {0, 1}));
    assertTrue(e.getMessage().contains("row 1, column 0 is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSet.ofLabels(new double[] {1}, 1, new int[] {-1}));
    assertTrue(e.getMessage().contains("labels[0] = -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DataSet.ofLabels(new double[] {1, 2}, 1, new int[] {0, 2}).withClassNames(List.of("a", "b")));
    assertTrue(e.getMessage().contains("labels go up to 2"), e.getMessage());
  }

  @Test
  void irisCsvWithHeaderAndNamedLabel() {
    DataSet iris = TestData.iris();
    assertEquals(150, iris.size());
    assertEquals(4, iris.featureCount());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), iris.featureNames());
    assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
    assertEquals(5.1, iris.feature(0, 0));
    assertEquals(0, iris.label(0));
    assertEquals(2, iris.label(149));
  }

  @Test
  void classNamesAreSortedNotInOrderOfAppearance() throws IOException {
    Path file = write("a.csv", "x,y\n1,dog\n2,cat\n3,emu\n4,cat\n");
    DataSet d = DataSet.readCsv(file, CsvOptions.defaults());
    assertEquals(List.of("cat", "dog", "emu"), d.classNames());
    assertArrayEquals(new int[] {1, 0, 2, 0}, d.labels());
    DataSet explicit = DataSet.readCsv(file, CsvOptions.builder().classNames(List.of("emu", "dog", "cat")).build());
    assertArrayEquals(new int[] {1, 2, 0, 2}, explicit.labels());
  }

  @Test
  void integerLabelsAreTheirOwnIndex() throws IOException {
    Path file = write("i.csv", "3;0.5;1\n1;0.25;2\n");
    DataSet d = DataSet.readCsv(file, CsvOptions.builder().header(false).delimiter(';').labelColumn(0).build());
    assertArrayEquals(new int[] {3, 1}, d.labels());
    assertEquals(List.of("0", "1", "2", "3"), d.classNames());
    assertArrayEquals(new double[] {0.5, 1, 0.25, 2}, d.features());
  }

  @Test
  void quotedFieldsAndTargets() throws IOException {
    Path file = write("q.csv", "\"a, the first\",b,y\n\"1.5\",2,3\n4,5,6\n");
    DataSet d = DataSet.readCsv(file, CsvOptions.builder().targetColumns("y").build());
    assertEquals(List.of("a, the first", "b"), d.featureNames());
    assertArrayEquals(new double[] {3, 6}, d.targets());
    assertArrayEquals(new double[] {1.5, 2, 4, 5}, d.features());
  }

  @Test
  void badCsvNamesLineAndColumn() throws IOException {
    Path file = write("bad.csv", "x,y,label\n1,2,a\n\n3,oops,b\n");
    DataFileException e = assertThrows(DataFileException.class, () -> DataSet.readCsv(file, CsvOptions.defaults()));
    assertEquals(4, e.line());
    assertEquals(2, e.column());
    assertTrue(e.getMessage().contains("line 4, column 2: 'oops' is not a number"), e.getMessage());

    Path ragged = write("ragged.csv", "x,y,label\n1,2,a\n3,b\n");
    e = assertThrows(DataFileException.class, () -> DataSet.readCsv(ragged, CsvOptions.defaults()));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("has 2 fields but the first line has 3"), e.getMessage());

    Path empty = write("empty.csv", "x,label\n,a\n");
    e = assertThrows(DataFileException.class, () -> DataSet.readCsv(empty, CsvOptions.defaults()));
    assertEquals(2, e.line());
    assertEquals(1, e.column());

    Path unknown = write("u.csv", "x,label\n1,a\n2,zebra\n");
    e = assertThrows(DataFileException.class,
        () -> DataSet.readCsv(unknown, CsvOptions.builder().classNames(List.of("a", "b")).build()));
    assertTrue(e.getMessage().contains("line 3, column 2: 'zebra' is not one of the class names"), e.getMessage());

    e = assertThrows(DataFileException.class,
        () -> DataSet.readCsv(unknown, CsvOptions.builder().labelColumn("species").build()));
    assertTrue(e.getMessage().contains("no column is named 'species'"), e.getMessage());
  }

  @Test
  void idxFilesPlainAndGzip() throws IOException {
    byte[] images = idx(3, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, (byte) 255, 7, 8, 9, 10, 11});
    byte[] labels = idx(1, new int[] {2}, new byte[] {7, 3});
    Path x = Files.write(dir.resolve("x-idx3-ubyte"), images);
    Path y = Files.write(dir.resolve("y-idx1-ubyte.gz"), gzip(labels));
    DataSet d = DataSet.readIdx(x, y);
    assertEquals(2, d.size());
    assertEquals(6, d.featureCount());
    assertEquals(255.0, d.feature(1, 0));
    assertArrayEquals(new int[] {7, 3}, d.labels());

    Path cut = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(images, images.length - 1));
    DataFileException e = assertThrows(DataFileException.class, () -> DataSet.readIdx(cut, y));
    assertTrue(e.getMessage().contains("truncated: the header says 12 values, the file has 11"), e.getMessage());
    e = assertThrows(DataFileException.class, () -> DataSet.readIdx(y, x));
    assertTrue(e.getMessage().contains("swap"), e.getMessage());
  }

  private static byte[] idx(int dims, int[] sizes, byte[] values) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims + values.length);
    b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims);
    for (int s : sizes) {
      b.putInt(s);
    }
    b.put(values);
    return b.array();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
