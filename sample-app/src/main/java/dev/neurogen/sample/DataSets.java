package dev.neurogen.sample;

import dev.neurogen.toolkit.data.CsvOptions;
import dev.neurogen.toolkit.data.DataSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data sets the app knows, read with the toolkit's CSV and IDX readers: the embedded digits
 * and iris (classpath resources, provenance in {@code DATA.md} beside them), Fashion-MNIST from
 * its IDX files, and any CSV file.
 */
final class DataSets {
  /** The embedded 8x8 digits: 64 pixel values 0..16 then the digit, no header. */
  static final String DIGITS_RESOURCE = "/digits.csv.gz";

  /** The embedded iris flowers: a line {@code 150,4,names...}, then 4 measurements and 0..2. */
  static final String IRIS_RESOURCE = "/iris.csv";

  /** Iris's measurements, in column order (cm). */
  static final List<String> IRIS_FEATURES =
      List.of("sepal length", "sepal width", "petal length", "petal width");

  /** Fashion-MNIST's ten classes, label 0 first. */
  static final List<String> FASHION_CLASSES =
      List.of(
          "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
          "Bag", "Ankle boot");

  private DataSets() {}

  /**
   * A data set that comes with its own test part (Fashion-MNIST's official split), or one that
   * is split by the app ({@code test} null).
   */
  record Loaded(String name, DataSet all, DataSet test) {}

  /** Loads the data set that {@code options} choose. */
  static Loaded load(DataOptions options) throws IOException {
    return switch (options.source()) {
      case DIGITS -> new Loaded("digits", digits(), null);
      case IRIS -> new Loaded("iris", iris(), null);
      case FASHION -> fashion(options.fashionFiles());
      case CSV -> new Loaded(options.csvFile.getFileName().toString(), csv(options), null);
    };
  }

  /** The embedded 8x8 digits, 1,797 rows, classes "0" .. "9". */
  static DataSet digits() throws IOException {
    return fromResource(
        DIGITS_RESOURCE, true, CsvOptions.builder().header(false).build());
  }

  /** The embedded iris flowers, 150 rows, classes setosa, versicolor, virginica. */
  static DataSet iris() throws IOException {
    // The first line is "150,4,setosa,versicolor,virginica": read as a header (five columns, like
    // the rows); the class names are its last three fields.
    List<String> header;
    try (InputStream in = resource(IRIS_RESOURCE)) {
      String first = new String(in.readNBytes(200), java.nio.charset.StandardCharsets.UTF_8);
      header = List.of(first.substring(0, first.indexOf('\n')).trim().split(","));
    }
    DataSet raw = fromResource(IRIS_RESOURCE, false, CsvOptions.builder().labelColumn(4).build());
    return raw.withClassNames(header.subList(2, header.size())).withFeatureNames(IRIS_FEATURES);
  }

  /** Fashion-MNIST: the 60,000 training images as {@code all}, the 10,000 test images apart. */
  static Loaded fashion(List<Path> files) throws IOException {
    DataSet train = DataSet.readIdx(files.get(0), files.get(1)).withClassNames(FASHION_CLASSES);
    DataSet test = DataSet.readIdx(files.get(2), files.get(3)).withClassNames(FASHION_CLASSES);
    return new Loaded("fashion", train, test);
  }

  /** A user's CSV file: a header, the label column by name or index (default: the last). */
  static DataSet csv(DataOptions options) throws IOException {
    Path file = options.csvFile;
    if (!Files.isRegularFile(file)) {
      throw new SampleApp.UserException("CSV file not found: " + file);
    }
    CsvOptions.Builder csv = CsvOptions.builder();
    String label = options.labelColumn;
    if (label != null) {
      if (label.chars().allMatch(Character::isDigit) && !label.isEmpty()) {
        csv.labelColumn(Integer.parseInt(label));
      } else {
        csv.labelColumn(label);
      }
    }
    return DataSet.readCsv(file, csv.build());
  }

  private static DataSet fromResource(String name, boolean gzip, CsvOptions options)
      throws IOException {
    // The toolkit reads files: copy the resource out of the jar into a temporary file first.
    Path temp = Files.createTempFile("neurogen-sample-", ".csv");
    try {
      try (InputStream raw = resource(name);
          InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      return DataSet.readCsv(temp, options);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = DataSets.class.getResourceAsStream(name);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException(
              "classpath resource "
                  + name
                  + " is missing; it belongs in sample-app/src/main/resources/ and"
                  + " 'mvn package' packs it into sample-app.jar"));
    }
    return in;
  }
}
