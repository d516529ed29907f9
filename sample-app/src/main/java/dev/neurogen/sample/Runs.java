package dev.neurogen.sample;

import dev.neurogen.Classifier;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.data.Split;
import dev.neurogen.toolkit.eval.ClassificationEvaluation;
import dev.neurogen.toolkit.model.Model;
import dev.neurogen.toolkit.model.ModelFile;
import dev.neurogen.toolkit.model.ModelInfo;
import dev.neurogen.toolkit.preprocess.Scaler;
import dev.neurogen.toolkit.preprocess.Standardizer;
import dev.neurogen.toolkit.train.ConsoleProgress;
import dev.neurogen.toolkit.train.EarlyStopping;
import dev.neurogen.toolkit.train.EpochEnd;
import dev.neurogen.toolkit.train.FitConfig;
import dev.neurogen.toolkit.train.FitListener;
import dev.neurogen.toolkit.train.History;
import dev.neurogen.toolkit.train.Metric;
import dev.neurogen.toolkit.train.Trainer;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The work behind each command, done with the neurogen training toolkit: loading and splitting
 * data, fitting, evaluating, saving and loading models. This class only chooses and prints.
 */
final class Runs {
  private Runs() {}

  /** The parts of a data set after the split, raw (unscaled). */
  record Parts(String name, DataSet train, DataSet validation, DataSet test) {}

  /** Loads and splits the data set that {@code options} choose. */
  static Parts parts(DataOptions options) throws IOException {
    DataSets.Loaded loaded = DataSets.load(options);
    if (!loaded.all().hasLabels()) {
      throw new SampleApp.UserException(
          loaded.name() + " has no class labels; the sample app trains classifiers");
    }
    if (loaded.test() != null) {
      // Fashion-MNIST: the official test images stay the test part; validation comes from train.
      Split split =
          Split.of(
              loaded.all(),
              1 - options.validationFraction,
              options.validationFraction,
              0,
              options.splitSeed);
      return new Parts(loaded.name(), split.train(), split.validation(), loaded.test());
    }
    double train = 1 - options.testFraction - options.validationFraction;
    Split split =
        Split.of(
            loaded.all(), train, options.validationFraction, options.testFraction,
            options.splitSeed);
    return new Parts(loaded.name(), split.train(), split.validation(), split.test());
  }

  /** The network {@code --network} names, or the first declared one that fits the data. */
  static NetworkCatalog.Entry chooseNetwork(String name, DataSet data, String dataName) {
    int features = data.featureCount();
    int classes = data.classCount();
    if (name != null) {
      NetworkCatalog.Entry entry =
          NetworkCatalog.byName(name)
              .orElseThrow(
                  () ->
                      new SampleApp.UserException(
                          "no network called '" + name + "'; declared: " + NetworkCatalog.names(),
                          "'train --list' shows them with their sizes"));
      int[] layers = entry.layers();
      if (layers[0] != features || layers[layers.length - 1] != classes) {
        throw new SampleApp.UserException(
            entry.name()
                + " ("
                + entry.shape()
                + ") does not fit "
                + dataName
                + ", which has "
                + features
                + " features and "
                + classes
                + " classes",
            fitting(features, classes));
      }
      return entry;
    }
    List<NetworkCatalog.Entry> fit = NetworkCatalog.fitting(features, classes);
    if (fit.isEmpty()) {
      throw new SampleApp.UserException(
          "no declared network takes "
              + features
              + " inputs and "
              + classes
              + " classes, as "
              + dataName
              + " needs",
          "networks are generated at compile time: declare one with @Network(layers = {"
              + features
              + ", ..., "
              + classes
              + "}) in sample-app's Networks.java and add it to NetworkCatalog");
    }
    return fit.get(0);
  }

  private static String fitting(int features, int classes) {
    List<NetworkCatalog.Entry> fit = NetworkCatalog.fitting(features, classes);
    return fit.isEmpty()
        ? "no declared network fits; 'train --list' shows them"
        : "networks that fit: "
            + fit.stream().map(NetworkCatalog.Entry::name).collect(Collectors.joining(", "));
  }

  static int train(
      DataOptions data,
      TrainOptions training,
      Path outFolder,
      Path saveTest,
      boolean plain,
      PrintStream out)
      throws IOException {
    DataOptions.Source source = data.source();
    Parts parts = parts(data);
    NetworkCatalog.Entry entry = chooseNetwork(training.network(source), parts.train(), parts.name());
    int epochs = training.epochs(source);
    Scaler scaler = Standardizer.fit(parts.train());
    DataSet train = scaler.transform(parts.train());
    DataSet validation = scaler.transform(parts.validation());
    Classifier net = entry.create(training.seed);
    String settings =
        String.format(
            Locale.ROOT,
            "%s (%s) on %s: %,d training, %,d validation, %,d test rows; %s lr %s%s, batch %d,"
                + " up to %d epochs%s, seed %d",
            entry.name(),
            entry.shape(),
            parts.name(),
            train.size(),
            validation.size(),
            parts.test().size(),
            training.optimizer.label(),
            training.learningRate(source),
            training.schedule(source) == TrainOptions.Schedule.COSINE ? " cosine" : "",
            training.batchSize(source),
            epochs,
            training.patience > 0 ? ", early stopping after " + training.patience : "",
            training.seed);
    out.println(settings);
    out.flush();

    FitConfig config = fitConfig(training, source, train.size(), epochs, validation.size() > 0);
    History history =
        Trainer.fit(net, train, validation, config, ConsoleProgress.create(out, !plain));

    Model model =
        Model.builder(net)
            .scaler(scaler)
            .classNames(parts.train().classNames())
            .seed(training.seed)
            .build();
    ClassificationEvaluation test = ClassificationEvaluation.of(model, parts.test());
    out.println();
    out.printf(
        Locale.ROOT,
        "test accuracy %.2f%% (%d of %d)%n",
        100 * test.accuracy(),
        Math.round(test.accuracy() * test.size()),
        test.size());
    out.println();
    out.print(test.confusionMatrix());

    Files.createDirectories(outFolder);
    Path modelFile = outFolder.resolve(entry.name() + ".model");
    Path chartFile = outFolder.resolve(entry.name() + ".png");
    ModelFile.save(model, modelFile);
    String title =
        String.format(
            Locale.ROOT,
            "%s (%s) on %s, test accuracy %.2f%%",
            entry.name(),
            entry.shape(),
            parts.name(),
            100 * test.accuracy());
    TrainingChart.write(curves(history, title), chartFile);
    out.println();
    out.println("chart: " + chartFile.toAbsolutePath());
    out.println("model: " + modelFile.toAbsolutePath());
    if (saveTest != null) {
      writeCsv(parts.test(), saveTest);
      out.println("test rows: " + saveTest.toAbsolutePath());
    }
    out.flush();
    return 0;
  }

  /** The chart's curves: the toolkit's per-epoch training and validation series. */
  private static TrainingChart.Curves curves(History history, String title) {
    return new TrainingChart.Curves(
        title,
        "cross-entropy",
        toArray(history.series(Metric.LOSS)),
        toArray(history.series(Metric.VAL_LOSS)),
        toArray(history.series(Metric.ACCURACY)),
        toArray(history.series(Metric.VAL_ACCURACY)));
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Writes raw rows as CSV with a header: the features, then the class name as {@code class}. */
  static void writeCsv(DataSet data, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println(
          data.featureNames().stream().map(Runs::quote).collect(Collectors.joining(","))
              + ",class");
      double[] row = new double[data.featureCount()];
      for (int r = 0; r < data.size(); r++) {
        data.copyFeatures(r, row, 0);
        StringBuilder line = new StringBuilder();
        for (double v : row) {
          line.append(Double.toString(v)).append(',');
        }
        line.append(quote(data.classNames().get(data.label(r))));
        w.println(line);
      }
    }
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"")
        ? '"' + field.replace("\"", "\"\"") + '"'
        : field;
  }

  /** Loads a model file into the declared network it was trained on. */
  static Model loadModel(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SampleApp.UserException(
          "model file not found: " + file, "'train' saves one, e.g. sample-app-output/digits-small.model");
    }
    ModelInfo info = ModelFile.inspect(file);
    int[] layers = info.layerSizes().stream().mapToInt(Integer::intValue).toArray();
    for (NetworkCatalog.Entry e : NetworkCatalog.ALL) {
      Classifier net = e.create(0L);
      if (java.util.Arrays.equals(net.layerSizes(), layers)
          && activations(net).equals(info.activations())
          && net.loss() == info.loss()) {
        return ModelFile.load(file, net);
      }
    }
    throw new SampleApp.UserException(
        file + " holds a " + info.topology() + " network, which no declared network matches",
        "'train --list' shows the declared networks");
  }

  private static List<dev.neurogen.Activation> activations(Classifier net) {
    List<dev.neurogen.Activation> list = new ArrayList<>();
    for (int l = 1; l < net.layerSizes().length; l++) {
      list.add(net.activation(l));
    }
    return list;
  }

  static int evaluate(Path modelFile, DataOptions data, PrintStream out) throws IOException {
    Model model = loadModel(modelFile);
    Parts parts = parts(data);
    int inputs = model.network().inputSize();
    if (parts.test().featureCount() != inputs || parts.test().classCount() > model.classCount()) {
      throw new SampleApp.UserException(
          modelFile
              + " takes "
              + inputs
              + " features and "
              + model.classCount()
              + " classes, but "
              + parts.name()
              + " has "
              + parts.test().featureCount()
              + " and "
              + parts.test().classCount(),
          "give the data set it was trained on (--dataset NAME, or --csv FILE --label COLUMN)");
    }
    ClassificationEvaluation evaluation = ClassificationEvaluation.of(model, parts.test());
    out.printf(
        Locale.ROOT, "%s on the test part of %s (%,d rows)%n%n", modelFile, parts.name(),
        parts.test().size());
    out.println(evaluation);
    out.flush();
    return 0;
  }

  static int predict(Path modelFile, Path input, String label, InputStream in, PrintStream out)
      throws IOException {
    Model model = loadModel(modelFile);
    if (input != null && !Files.isRegularFile(input)) {
      throw new SampleApp.UserException("input file not found: " + input);
    }
    String source = input == null ? "standard input" : input.toString();
    int inputs = model.network().inputSize();
    List<Integer> truth = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    double[] row = new double[inputs];
    double[] output = new double[model.network().outputSize()];
    int labelColumn = -1;
    boolean first = true;
    // Rows are streamed: each prediction is printed as soon as its row is read.
    try (Reader reader =
            input == null
                ? new InputStreamReader(in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
        CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(reader)) {
      for (CsvRecord record : csv) {
        boolean header = first && !isNumber(record.getField(0)) && record.getFieldCount() > 1;
        if (first) {
          first = false;
          labelColumn = labelColumn(label, record, header, source);
          if (header) {
            continue;
          }
        }
        int expected = inputs + (labelColumn >= 0 ? 1 : 0);
        if (record.getFieldCount() != expected) {
          throw new SampleApp.UserException(
              source
                  + " line "
                  + record.getStartingLineNumber()
                  + ": "
                  + record.getFieldCount()
                  + " fields, but the model takes "
                  + inputs
                  + " features"
                  + (labelColumn >= 0 ? " plus the label column" : ""));
        }
        int j = 0;
        for (int c = 0; c < record.getFieldCount(); c++) {
          if (c == labelColumn) {
            continue;
          }
          String field = record.getField(c).trim();
          try {
            row[j++] = Double.parseDouble(field);
          } catch (NumberFormatException e) {
            throw new SampleApp.UserException(
                source
                    + " line "
                    + record.getStartingLineNumber()
                    + ", column "
                    + (c + 1)
                    + ": '"
                    + field
                    + "' is not a number");
          }
        }
        model.predict(row, output);
        int k = Model.classOf(output, model.threshold());
        out.printf(Locale.ROOT, "%s,%.4f%n", model.classNames().get(k), output[k]);
        if (labelColumn >= 0) {
          String name = record.getField(labelColumn).trim();
          int t = model.classNames().indexOf(name);
          if (t < 0) {
            throw new SampleApp.UserException(
                source
                    + " line "
                    + record.getStartingLineNumber()
                    + ": label '"
                    + name
                    + "' is not a class of the model "
                    + model.classNames());
          }
          truth.add(t);
          predicted.add(k);
        }
      }
    }
    if (labelColumn >= 0 && !truth.isEmpty()) {
      ClassificationEvaluation evaluation =
          ClassificationEvaluation.of(
              truth.stream().mapToInt(Integer::intValue).toArray(),
              predicted.stream().mapToInt(Integer::intValue).toArray(),
              model.classNames());
      out.printf(
          Locale.ROOT,
          "# accuracy %.2f%% (%d of %d)%n",
          100 * evaluation.accuracy(),
          Math.round(evaluation.accuracy() * evaluation.size()),
          evaluation.size());
    }
    out.flush();
    return 0;
  }

  private static int labelColumn(String label, CsvRecord first, boolean header, String source) {
    if (label == null) {
      return -1;
    }
    if (!label.isEmpty() && label.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(label);
      if (index >= first.getFieldCount()) {
        throw new SampleApp.UserException(
            "--label " + index + ": " + source + " has only " + first.getFieldCount()
                + " columns (0-based index)");
      }
      return index;
    }
    if (!header) {
      throw new SampleApp.UserException(
          "--label " + label + " names a column, but " + source + " has no header line",
          "give the column's 0-based index instead");
    }
    int index = first.getFields().stream().map(String::trim).toList().indexOf(label);
    if (index < 0) {
      throw new SampleApp.UserException(
          "--label " + label + ": no such column in " + source + "; the header is "
              + String.join(",", first.getFields()));
    }
    return index;
  }

  private static boolean isNumber(String field) {
    try {
      Double.parseDouble(field.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static int bench(
      DataOptions data, TrainOptions training, int rounds, double seconds, PrintStream out)
      throws IOException {
    DataOptions.Source source = data.source();
    Parts parts = parts(data);
    NetworkCatalog.Entry entry =
        chooseNetwork(training.network(source), parts.train(), parts.name());
    Scaler scaler = Standardizer.fit(parts.train());
    DataSet train = scaler.transform(parts.train());
    Classifier net = entry.create(training.seed);
    out.printf(
        Locale.ROOT,
        "bench %s (%s, %,d parameters) on %s: %,d training rows, %s lr %s, batch %d;"
            + " %d rounds of at least %.1f s after one warm-up round%n",
        entry.name(), entry.shape(), entry.parameterCount(), parts.name(), train.size(),
        training.optimizer.label(), training.learningRate(source), training.batchSize(source),
        rounds, seconds);
    out.flush();
    // Training: whole epochs of the toolkit's fit loop until the round's time is up; the speed is
    // the toolkit's own per-epoch figure (optimizer steps only), averaged over the round.
    double bestTrain = 0;
    for (int round = 0; round <= rounds; round++) {
      TimedRound timer = new TimedRound(seconds, train.size());
      Trainer.fit(
          net,
          train,
          null,
          fitConfig(training, source, train.size(), 1_000_000, false)
              .toBuilder()
              .trainingAccuracyRows(0)
              .build(),
          timer);
      if (round > 0) {
        bestTrain = Math.max(bestTrain, timer.samplesPerSecond());
        out.printf(
            Locale.ROOT, "  train   round %d: %,12.0f samples/s (%d epochs)%n", round,
            timer.samplesPerSecond(), timer.epochs);
        out.flush();
      }
    }
    // Prediction: the toolkit model's batch call over every training row, repeated.
    double[][] rows = new double[train.size()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = train.featureRow(r);
    }
    Model model = Model.builder(net).classNames(train.classNames()).build();
    double bestPredict = 0;
    for (int round = 0; round <= rounds; round++) {
      long start = System.nanoTime();
      long predicted = 0;
      double elapsed;
      do {
        predicted += model.classify(rows).length;
        elapsed = (System.nanoTime() - start) / 1e9;
      } while (elapsed < seconds);
      double speed = predicted / elapsed;
      if (round > 0) {
        bestPredict = Math.max(bestPredict, speed);
        out.printf(Locale.ROOT, "  predict round %d: %,12.0f samples/s%n", round, speed);
        out.flush();
      }
    }
    out.printf(
        Locale.ROOT,
        "%s: training %,.0f samples/s, prediction %,.0f samples/s (best rounds)%n",
        entry.name(), bestTrain, bestPredict);
    out.flush();
    return 0;
  }

  /** Stops a fit once at least the given time has passed; sums the toolkit's epoch figures. */
  static final class TimedRound implements FitListener {
    private final double seconds;
    private final int rows;
    private double stepSeconds;
    private double samples;
    int epochs;

    TimedRound(double seconds, int rows) {
      this.seconds = seconds;
      this.rows = rows;
    }

    @Override
    public Decision onEpochEnd(EpochEnd event) {
      epochs++;
      samples += rows;
      stepSeconds += rows / event.samplesPerSecond();
      return stepSeconds >= seconds ? Decision.STOP : Decision.CONTINUE;
    }

    double samplesPerSecond() {
      return samples / stepSeconds;
    }
  }

  /** The toolkit's fit settings from the command-line options. */
  static FitConfig fitConfig(
      TrainOptions training,
      DataOptions.Source source,
      int trainingRows,
      int epochs,
      boolean earlyStopping) {
    int batch = training.batchSize(source);
    long steps = (long) epochs * ((trainingRows + batch - 1) / batch);
    FitConfig.Builder config =
        FitConfig.builder()
            .epochs(epochs)
            .batchSize(batch)
            .seed(training.seed)
            .optimizer(training.optimizer(source, steps));
    if (earlyStopping && training.patience > 0) {
      config.earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, training.patience));
    }
    return config.build();
  }

}
