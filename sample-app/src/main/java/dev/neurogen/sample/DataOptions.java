package dev.neurogen.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The command-line options that choose a data set and how it is split, shared by {@code train},
 * {@code evaluate} and {@code bench} (a picocli mixin).
 */
final class DataOptions {
  /** Where the Debian package {@code dataset-fashion-mnist} puts the IDX files. */
  static final Path FASHION_DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");

  /** The four IDX files of Fashion-MNIST, training images and labels first. */
  static final List<String> FASHION_FILES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  /** The data sets {@code --dataset} accepts. */
  enum Source {
    /** The embedded 8x8 digits. */
    DIGITS,
    /** The embedded iris flowers. */
    IRIS,
    /** Fashion-MNIST from IDX files. */
    FASHION,
    /** A CSV file given with {@code --csv}. */
    CSV
  }

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "digits (embedded, 1,797 8x8 images), iris (embedded, 150 flowers), fashion"
              + " (Fashion-MNIST IDX files, see --data) or csv (see --csv). Default: digits, or"
              + " csv when --csv is given.")
  Source dataset;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Folder with the four Fashion-MNIST IDX files (.gz or not). Default: ${DEFAULT-VALUE}"
              + " (Debian package dataset-fashion-mnist).",
      defaultValue = "/usr/share/datasets/fashion-mnist")
  Path fashionFolder;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "A CSV file with a header line, one sample per row; see --label.")
  Path csvFile;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description =
          "The class column of the CSV file: its name in the header, or its 0-based index."
              + " Default: the last column.")
  String labelColumn;

  @Option(
      names = "--test-fraction",
      paramLabel = "F",
      defaultValue = "0.2",
      description =
          "Part of the data held out for the final test (not for fashion, which has its own"
              + " 10,000 test images). Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(
      names = "--validation-fraction",
      paramLabel = "F",
      defaultValue = "0.1",
      description =
          "Part of the data used to validate after every epoch (for early stopping)."
              + " Default: ${DEFAULT-VALUE}.")
  double validationFraction;

  @Option(
      names = "--split-seed",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Seed of the stratified split; evaluate must use the one train used. Default:"
              + " ${DEFAULT-VALUE}.")
  long splitSeed;

  /** The data set chosen: {@code --dataset}, else csv when {@code --csv} is given, else digits. */
  Source source() {
    if (dataset != null) {
      if (dataset == Source.CSV && csvFile == null) {
        throw new SampleApp.UserException(
            "--dataset csv needs --csv FILE", "e.g. --csv flowers.csv --label species");
      }
      if (dataset != Source.CSV && csvFile != null) {
        throw new SampleApp.UserException(
            "--csv " + csvFile + " cannot be combined with --dataset " + name(dataset),
            "leave out --dataset, or --csv");
      }
      return dataset;
    }
    return csvFile != null ? Source.CSV : Source.DIGITS;
  }

  /** Lower-case name of a source, as typed on the command line. */
  static String name(Source source) {
    return source.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The four Fashion-MNIST files in {@code --data}, each {@code .gz} or not, in the order of
   * {@link #FASHION_FILES}.
   *
   * @throws SampleApp.UserException naming the missing files and how to install them
   */
  List<Path> fashionFiles() {
    List<Path> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : FASHION_FILES) {
      Path gz = fashionFolder.resolve(name);
      Path plain = fashionFolder.resolve(name.substring(0, name.length() - ".gz".length()));
      if (Files.isRegularFile(gz)) {
        found.add(gz);
      } else if (Files.isRegularFile(plain)) {
        found.add(plain);
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new SampleApp.UserException(
          "Fashion-MNIST not found: "
              + fashionFolder
              + (Files.isDirectory(fashionFolder) ? " lacks " + String.join(", ", missing)
                  : " does not exist"),
          "Install it with:  sudo apt-get install dataset-fashion-mnist\n"
              + "or download the four IDX files ("
              + String.join(", ", FASHION_FILES)
              + ") and pass their folder with --data DIR.");
    }
    return found;
  }

  /** Checks the fractions; messages name the option and the allowed range. */
  void check() {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new SampleApp.UserException(
          "--test-fraction must be above 0 and below 1, got " + testFraction);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new SampleApp.UserException(
          "--validation-fraction must be at least 0 and below 1, got " + validationFraction);
    }
    if (testFraction + validationFraction >= 1) {
      throw new SampleApp.UserException(
          "--test-fraction plus --validation-fraction must stay below 1 (some data must be left"
              + " to train on), got "
              + (testFraction + validationFraction));
    }
  }
}
