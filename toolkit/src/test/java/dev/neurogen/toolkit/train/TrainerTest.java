package dev.neurogen.toolkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.NeuralNetwork;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.Sgd;
import dev.neurogen.toolkit.AllocationMeter;
import dev.neurogen.toolkit.Nets_BinaryImpl;
import dev.neurogen.toolkit.Nets_DigitsImpl;
import dev.neurogen.toolkit.Nets_IrisImpl;
import dev.neurogen.toolkit.Nets_RegressionImpl;
import dev.neurogen.toolkit.Nets_WideImpl;
import dev.neurogen.toolkit.TestData;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.data.Split;
import dev.neurogen.toolkit.eval.ClassificationEvaluation;
import dev.neurogen.toolkit.eval.RegressionEvaluation;
import dev.neurogen.toolkit.model.Model;
import dev.neurogen.toolkit.preprocess.Standardizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static Split irisSplit() {
    return Split.of(TestData.iris(), 0.6, 0.2, 0.2, 1L);
  }

  @Test
  void irisLearnsWithAdamAndHistoryIsComplete() {
    Split split = irisSplit();
    Standardizer scaler = Standardizer.fit(split.train());
    Nets_IrisImpl net = new Nets_IrisImpl(3L);
    FitConfig config = FitConfig.builder().epochs(60).batchSize(16).seed(5L).optimizer(Adam.of(0.01)).build();
    History history = Trainer.fit(net, scaler.transform(split.train()), scaler.transform(split.validation()), config);
    assertEquals(StopReason.COMPLETED, history.stopReason());
    assertEquals(60, history.epochs());
    assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr"), history.names());
    assertEquals(5L, history.seed());
    List<Double> loss = history.series(Metric.LOSS);
    assertTrue(loss.get(59) < loss.get(0) / 4, loss.toString());
    assertTrue(history.last(Metric.VAL_LOSS) < history.series(Metric.VAL_LOSS).get(0), history.series().toString());
    assertEquals(0.01, history.last(Metric.VAL_LOSS) > 0 ? history.series("lr").get(0) : 0, 0);
    double accuracy = ClassificationEvaluation.of(Model.of(net, scaler, split.train().classNames()), split.test()).accuracy();
    assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
  }

  @Test
  void theSameSeedGivesTheSameNetworkAndHistory() {
    Split split = irisSplit();
    FitConfig config = FitConfig.builder().epochs(5).batchSize(8).seed(9L).optimizer(Adam.of(0.01)).build();
    double[][] params = new double[3][];
    List<History> histories = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      Nets_IrisImpl net = new Nets_IrisImpl(3L);
      FitConfig c = run < 2 ? config : config.toBuilder().seed(10L).build();
      History h = Trainer.fit(net, split.train(), split.validation(), c);
      histories.add(h);
      params[run] = new double[net.parameterCount()];
      net.getParameters(params[run]);
    }
    assertArrayEquals(params[0], params[1]);
    assertEquals(histories.get(0).series(), histories.get(1).series());
    assertNotEquals(histories.get(0).series(), histories.get(2).series());
  }

  @Test
  void fitIsTheHandWrittenLoopOfTrainStepsBitForBit() {
    // the double counterpart of FloatTrainerTest's: the shuffle of FitLoop's contract (Fisher-Yates
    // with SplittableRandom(seed)), the batches gathered by hand, Classifier.trainStep
    Split split = irisSplit();
    FitConfig config = FitConfig.builder().epochs(6).batchSize(7).seed(11L).optimizer(Adam.of(0.01)).build();
    Nets_IrisImpl fitted = new Nets_IrisImpl(3L);
    History h = Trainer.fit(fitted, split.train(), split.validation(), config);
    Nets_IrisImpl byHand = new Nets_IrisImpl(3L);
    dev.neurogen.optim.OptimizerState state = config.optimizer().newState();
    DataSet data = split.train();
    SplittableRandom random = new SplittableRandom(11L);
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < 6; e++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      for (int from = 0; from < n; from += 7) {
        int size = Math.min(7, n - from);
        double[] x = new double[size * 4];
        int[] labels = new int[size];
        for (int s = 0; s < size; s++) {
          data.copyFeatures(order[from + s], x, s * 4);
          labels[s] = data.label(order[from + s]);
        }
        sum += byHand.trainStep(x, labels, size, state) * size;
      }
      losses.add(sum / n);
    }
    double[] expected = new double[byHand.parameterCount()];
    byHand.getParameters(expected);
    double[] actual = new double[fitted.parameterCount()];
    fitted.getParameters(actual);
    assertArrayEquals(expected, actual);
    assertEquals(losses, h.series(Metric.LOSS));
  }

  @Test
  void anyNumberOfThreadsGivesTheSameNetworkAndHistory() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 600;
    double[] x = new double[100 * n];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-1, 1);
    }
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10);
    }
    DataSet data = DataSet.ofLabels(x, 100, y);
    // batches of 256 (2 parts each) and a last one of 88 (1 part)
    assertEquals(2, dev.neurogen.parallel.BatchPartition.DEFAULT.parts(256, 11_110));
    FitConfig config = FitConfig.builder().epochs(3).batchSize(256).seed(4L).optimizer(Adam.of(0.01)).build();
    assertEquals(FitConfig.AUTOMATIC_THREADS, config.threads());
    double[] first = null;
    History firstHistory = null;
    for (int threads : new int[] {1, 2, 3, FitConfig.AUTOMATIC_THREADS}) {
      Nets_WideImpl net = new Nets_WideImpl(8L);
      History history = Trainer.fit(net, data, data, config.toBuilder().threads(threads).build());
      double[] p = new double[net.parameterCount()];
      net.getParameters(p);
      if (first == null) {
        first = p;
        firstHistory = history;
      } else {
        assertArrayEquals(first, p, threads + " threads");
        assertEquals(firstHistory.series(), history.series(), threads + " threads");
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FitConfig.builder().threads(-1).build());
    assertEquals("threads must be in [1, 64], or 0 to choose automatically, got -1", e.getMessage());
    assertTrue(config.toBuilder().threads(2).build().toString().contains(", threads=2,"));
    assertTrue(config.toString().contains(", threads=automatic,"));
  }

  /** Records each epoch's parameters so tests can check which epoch's were restored. */
  private static final class Recorder implements FitListener {
    final NeuralNetwork net;
    final List<double[]> parameters = new ArrayList<>();
    final int stopAt;

    Recorder(NeuralNetwork net, int stopAt) {
      this.net = net;
      this.stopAt = stopAt;
    }

    @Override
    public Decision onEpochEnd(EpochEnd event) {
      double[] p = new double[net.parameterCount()];
      net.getParameters(p);
      parameters.add(p);
      return event.epoch() == stopAt ? Decision.STOP : Decision.CONTINUE;
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpochWhateverStopped() {
    Split split = irisSplit();
    // a high learning rate makes the validation loss noisy, so the best epoch is not the last
    FitConfig base = FitConfig.builder().epochs(40).batchSize(4).seed(2L).optimizer(Sgd.of(0.5))
        .earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, 3)).build();
    for (int stopAt : new int[] {Integer.MAX_VALUE, 7}) {
      Nets_IrisImpl net = new Nets_IrisImpl(4L);
      Recorder recorder = new Recorder(net, stopAt);
      History h = Trainer.fit(net, split.train(), split.validation(), base, recorder);
      List<Double> val = h.series(Metric.VAL_LOSS);
      int best = 0;
      for (int e = 1; e < val.size(); e++) {
        if (val.get(e) < val.get(best)) {
          best = e;
        }
      }
      assertEquals(best + 1, h.bestEpoch(), val.toString());
      assertEquals(val.get(best), h.bestScore());
      assertTrue(h.restoredBest());
      double[] now = new double[net.parameterCount()];
      net.getParameters(now);
      assertArrayEquals(recorder.parameters.get(best), now);
      if (stopAt == 7) {
        assertEquals(StopReason.LISTENER, h.stopReason());
        assertEquals(7, h.epochs());
      } else {
        assertEquals(StopReason.EARLY_STOPPING, h.stopReason());
        assertEquals(h.bestEpoch() + 3, h.epochs());
        assertTrue(h.bestEpoch() < h.epochs());
      }
    }
  }

  @Test
  void accuracyIsMaximised() {
    Split split = irisSplit();
    FitConfig config = FitConfig.builder().epochs(15).batchSize(16).optimizer(Adam.of(0.01))
        .earlyStopping(EarlyStopping.of(Metric.VAL_ACCURACY, 100)).build();
    History h = Trainer.fit(new Nets_IrisImpl(1L), split.train(), split.validation(), config);
    double max = h.series(Metric.VAL_ACCURACY).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(max, h.bestScore());
  }

  @Test
  void binarySigmoidNetworkTrainsOnLabelsAndClassifies() {
    SplittableRandom random = new SplittableRandom(1);
    int n = 400;
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = random.nextDouble(-1, 1);
      x[2 * i + 1] = random.nextDouble(-1, 1);
      y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0; // XOR of signs
    }
    DataSet data = DataSet.ofLabels(x, 2, y).withClassNames(List.of("different", "same"));
    Split split = Split.of(data, 0.8, 0.0, 0.2, 3L);
    Nets_BinaryImpl net = new Nets_BinaryImpl(2L);
    History h = Trainer.fit(net, split.train(), null,
        FitConfig.builder().epochs(150).batchSize(16).optimizer(Adam.of(0.02)).build());
    assertEquals(List.of("loss", "accuracy", "lr"), h.names());
    Model model = Model.of(net, null, data.classNames());
    assertEquals(2, model.classCount());
    ClassificationEvaluation e = ClassificationEvaluation.of(model, split.test());
    assertTrue(e.accuracy() > 0.9, e.toString());
    assertEquals("same", model.className(new double[] {0.8, 0.7}));
  }

  @Test
  void regressionTrainsOnTargets() {
    int n = 200;
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4.0 * i / (n - 1);
      t[i] = Math.sin(x[i]);
    }
    DataSet data = DataSet.ofTargets(x, 1, t, 1);
    Split split = Split.of(data, 0.8, 0.2, 0.0, 4L);
    Nets_RegressionImpl net = new Nets_RegressionImpl(1L);
    History h = Trainer.fit(net, split.train(), split.validation(),
        FitConfig.builder().epochs(200).batchSize(16).optimizer(Adam.of(0.01)).build());
    assertEquals(List.of("loss", "val_loss", "lr"), h.names());
    RegressionEvaluation e = RegressionEvaluation.of(Model.of(net, null, List.of()), split.validation());
    assertTrue(e.r2() > 0.98, e.toString());
  }

  @Test
  void mismatchesAreRejectedWithClearMessages() {
    DataSet iris = TestData.iris();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.fit(new Nets_RegressionImpl(1L), iris, null, FitConfig.builder().build()));
    assertTrue(e.getMessage().contains("4 features but the network has 1 inputs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(new Nets_IrisImpl(1L), iris, null,
        FitConfig.builder().earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, 2)).build()));
    assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FitConfig.builder().batchSize(0).build());
    assertTrue(e.getMessage().contains("batchSize must be at least 1"), e.getMessage());
  }

  @Test
  void theBatchLoopAllocatesNothing() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 100;
    double[] x = new double[64 * n];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(10);
    }
    DataSet data = DataSet.ofLabels(x, 64, y);
    Nets_DigitsImpl net = new Nets_DigitsImpl(1L);
    for (dev.neurogen.optim.Optimizer optimizer : List.of(Adam.of(1e-4), Sgd.of(1e-4))) {
      // training accuracy on a sample of 60 of the 100 rows, in batches of 32
      FitConfig config = FitConfig.builder().batchSize(32).optimizer(optimizer).trainingAccuracyRows(60).build();
      FitLoop loop = new FitLoop(FitNetwork.of(net, optimizer.newState(), null), data, data, config, new FitListener[0]);
      // 4 batches per epoch (the last one of 4 samples), shuffled each epoch, plus validation.
      // A round that the JIT disturbs (a deoptimisation on this shared machine) may allocate a
      // few bytes once; an allocation per batch would show in every round.
      Runnable epoch = () -> {
        loop.trainEpoch(1);
        loop.validationLoss();
        loop.validationAccuracy();
        loop.trainingAccuracy();
      };
      List<Long> rounds = new ArrayList<>();
      rounds.add(AllocationMeter.bytesAllocated(epoch, 1_500, 200));
      while (rounds.get(rounds.size() - 1) != 0 && rounds.size() < 5) {
        rounds.add(AllocationMeter.bytesAllocated(epoch, 0, 200));
      }
      assertEquals(0, rounds.get(rounds.size() - 1), optimizer + ": bytes allocated by rounds of 200 epochs of 4 batches: "
          + rounds);
    }
  }


  /** Independent count: rows of {@code data} (those in {@code rows}) whose predicted class is the label. */
  private static int correct(NeuralNetwork net, DataSet data, int[] rows, double threshold) {
    double[] row = new double[net.inputSize()];
    double[] out = new double[net.outputSize()];
    int correct = 0;
    for (int r : rows) {
      data.copyFeatures(r, row, 0);
      net.predict(row, out);
      int predicted;
      if (out.length == 1) {
        predicted = out[0] >= threshold ? 1 : 0;
      } else {
        predicted = 0;
        for (int k = 1; k < out.length; k++) {
          if (out[k] > out[predicted]) {
            predicted = k;
          }
        }
      }
      if (predicted == data.label(r)) {
        correct++;
      }
    }
    return correct;
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** Counts the training accuracy itself after every epoch, with the parameters the epoch left. */
  private static final class AccuracyCounter implements FitListener {
    final NeuralNetwork net;
    final DataSet train;
    final int[] rows;
    final double threshold;
    final List<Double> reported = new ArrayList<>();
    final List<Integer> counted = new ArrayList<>();

    AccuracyCounter(NeuralNetwork net, DataSet train, int[] rows, double threshold) {
      this.net = net;
      this.train = train;
      this.rows = rows;
      this.threshold = threshold;
    }

    @Override
    public Decision onEpochEnd(EpochEnd event) {
      reported.add(event.metric(Metric.ACCURACY));
      counted.add(correct(net, train, rows, threshold));
      return Decision.CONTINUE;
    }
  }

  @Test
  void trainingAccuracyIsTheCountOfCorrectTrainingRowsAfterEachEpoch() {
    Split split = irisSplit();
    Nets_IrisImpl net = new Nets_IrisImpl(2L);
    AccuracyCounter counter = new AccuracyCounter(net, split.train(), allRows(split.train().size()), 0.5);
    // batch 7 does not divide the 90 rows: the last prediction batch is short
    History h = Trainer.fit(net, split.train(), split.validation(),
        FitConfig.builder().epochs(8).batchSize(7).seed(3L).optimizer(Adam.of(0.02)).build(), counter);
    List<Double> series = h.series(Metric.ACCURACY);
    assertEquals(8, series.size());
    for (int e = 0; e < 8; e++) {
      assertEquals(counter.counted.get(e) / 90.0, series.get(e), 0, "epoch " + (e + 1));
      assertEquals(series.get(e), counter.reported.get(e));
    }
    assertTrue(series.get(7) > series.get(0) || series.get(0) == 1.0, series.toString());
    // the last epoch's parameters are the network's now: the series' last value is its accuracy
    assertEquals(ClassificationEvaluation.of(Model.of(net, null, split.train().classNames()), split.train()).accuracy(),
        h.last(Metric.ACCURACY), 1e-15);
  }

  @Test
  void trainingAccuracyOfASigmoidOutputUsesTheThreshold() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 120;
    double[] x = new double[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = random.nextDouble(-1, 1);
      x[2 * i + 1] = random.nextDouble(-1, 1);
      y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1 : 0;
    }
    DataSet data = DataSet.ofLabels(x, 2, y);
    for (double threshold : new double[] {0.5, 0.8}) {
      Nets_BinaryImpl net = new Nets_BinaryImpl(5L);
      AccuracyCounter counter = new AccuracyCounter(net, data, allRows(n), threshold);
      History h = Trainer.fit(net, data, null, FitConfig.builder().epochs(4).batchSize(16).threshold(threshold)
          .optimizer(Adam.of(0.01)).build(), counter);
      for (int e = 0; e < 4; e++) {
        assertEquals(counter.counted.get(e) / (double) n, h.series(Metric.ACCURACY).get(e), 0, "threshold " + threshold);
      }
    }
  }

  @Test
  void trainingAccuracyOfALargeTrainingSetUsesAFixedSeededSample() {
    int n = 90;
    int[] rows = FitLoop.accuracyRows(n, 40, 7L);
    assertEquals(40, rows.length);
    for (int i = 0; i < rows.length; i++) {
      assertTrue(rows[i] >= 0 && rows[i] < n, "row " + rows[i]);
      assertTrue(i == 0 || rows[i] > rows[i - 1], "ascending and distinct: " + java.util.Arrays.toString(rows));
    }
    assertArrayEquals(rows, FitLoop.accuracyRows(n, 40, 7L));
    assertNotEquals(java.util.Arrays.toString(rows), java.util.Arrays.toString(FitLoop.accuracyRows(n, 40, 8L)));
    assertArrayEquals(allRows(n), FitLoop.accuracyRows(n, 90, 7L));
    assertArrayEquals(allRows(n), FitLoop.accuracyRows(n, 1000, 7L));

    Split split = irisSplit();
    Nets_IrisImpl net = new Nets_IrisImpl(2L);
    AccuracyCounter counter = new AccuracyCounter(net, split.train(), rows, 0.5);
    FitConfig config = FitConfig.builder().epochs(5).batchSize(16).seed(7L).optimizer(Adam.of(0.01))
        .trainingAccuracyRows(40).build();
    History h = Trainer.fit(net, split.train(), null, config, counter);
    for (int e = 0; e < 5; e++) {
      assertEquals(counter.counted.get(e) / 40.0, h.series(Metric.ACCURACY).get(e), 0, "epoch " + (e + 1));
    }
    // the sample does not change the shuffling: the same losses as with every row measured
    History all = Trainer.fit(new Nets_IrisImpl(2L), split.train(), null, config.toBuilder().trainingAccuracyRows(90).build());
    assertEquals(h.series(Metric.LOSS), all.series(Metric.LOSS));
  }

  @Test
  void trainingAccuracyCanBeTurnedOffOrMonitored() {
    Split split = irisSplit();
    FitConfig off = FitConfig.builder().epochs(2).optimizer(Adam.of(0.01)).trainingAccuracyRows(0).build();
    assertEquals(List.of("loss", "val_loss", "val_accuracy", "lr"),
        Trainer.fit(new Nets_IrisImpl(1L), split.train(), split.validation(), off).names());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(new Nets_IrisImpl(1L),
        split.train(), null, off.toBuilder().earlyStopping(EarlyStopping.of(Metric.ACCURACY, 2)).build()));
    assertTrue(e.getMessage().contains("trainingAccuracyRows() > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FitConfig.builder().trainingAccuracyRows(-1).build());
    assertTrue(e.getMessage().contains("trainingAccuracyRows must be at least 0"), e.getMessage());

    // monitored without validation data: higher is better
    History h = Trainer.fit(new Nets_IrisImpl(1L), split.train(), null, FitConfig.builder().epochs(12).batchSize(16)
        .optimizer(Adam.of(0.01)).earlyStopping(EarlyStopping.of(Metric.ACCURACY, 100)).build());
    double max = h.series(Metric.ACCURACY).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(max, h.bestScore());
    assertEquals(max, h.series(Metric.ACCURACY).get(h.bestEpoch() - 1));
  }

  private static final Pattern EPOCH_LINE = Pattern.compile("epoch +(\\d+)/12  3 batches +\\d+\\.\\d\\ds +[\\d,]+ samples/s"
      + "  loss (\\d\\.\\d{6})  accuracy (\\d\\.\\d{4})  val_loss (\\d\\.\\d{6})  val_accuracy (\\d\\.\\d{4})"
      + "  lr 1\\.00e-02( \\*)?");

  @Test
  void consoleProgressPrintsOneAlignedLinePerEpochWithoutATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Split split = irisSplit();
    History h = Trainer.fit(new Nets_IrisImpl(1L), split.train(), split.validation(),
        FitConfig.builder().epochs(12).batchSize(30).optimizer(Adam.of(0.01))
            .earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, 50)).build(),
        ConsoleProgress.create(out, false));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(!text.contains("\r") && !text.contains("\033"), text);
    String[] lines = text.split("\n");
    assertEquals(13, lines.length, text);
    for (int e = 0; e < 12; e++) {
      Matcher m = EPOCH_LINE.matcher(lines[e]);
      assertTrue(m.matches(), lines[e]);
      assertEquals(e + 1, Integer.parseInt(m.group(1)));
      // the values are the history's, in their formats
      assertEquals(String.format(Locale.ROOT, "%.6f", h.series(Metric.LOSS).get(e)), m.group(2));
      assertEquals(String.format(Locale.ROOT, "%.4f", h.series(Metric.ACCURACY).get(e)), m.group(3));
      assertEquals(String.format(Locale.ROOT, "%.6f", h.series(Metric.VAL_LOSS).get(e)), m.group(4));
      assertEquals(String.format(Locale.ROOT, "%.4f", h.series(Metric.VAL_ACCURACY).get(e)), m.group(5));
      // aligned: every column starts where it starts in the first line
      for (String column : new String[] {"3 batches", "s ", "samples/s", "loss", "accuracy", "val_loss", "val_accuracy", "lr"}) {
        assertEquals(lines[0].indexOf(" " + column), lines[e].indexOf(" " + column), column + " in\n" + lines[0] + "\n"
            + lines[e]);
      }
    }
    assertTrue(lines[0].startsWith("epoch  1/12  3 batches"), lines[0]);
    assertTrue(lines[0].endsWith(" *"), "the first epoch improves: " + lines[0]);
    assertTrue(lines[12].startsWith("stopped: completed after 12 epochs; best val_loss "), lines[12]);
  }

  /** Keeps every batch event. */
  private static final class BatchRecorder implements FitListener {
    final List<BatchEnd> events = new ArrayList<>();

    @Override
    public void onBatchEnd(BatchEnd event) {
      events.add(event);
    }
  }

  @Test
  void consoleProgressDrawsABarWithSpeedAndRunningLossOnATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Split split = irisSplit();
    BatchRecorder recorder = new BatchRecorder();
    // 90 rows in batches of 20: 5 batches, the last one of 10 rows
    History h = Trainer.fit(new Nets_IrisImpl(1L), split.train(), null,
        FitConfig.builder().epochs(2).batchSize(20).optimizer(Adam.of(0.01)).build(), recorder,
        ConsoleProgress.create(out, true));
    String text = bytes.toString(StandardCharsets.UTF_8);
    Pattern barPattern = Pattern.compile("\r(epoch (\\d)/2  (\\d)/5 \\[([=>.]{30})\\] +\\d+\\.\\d\\ds +[\\d,]+ samples/s"
        + "  loss (\\d\\.\\d{6}))\033\\[K");
    Matcher bar = barPattern.matcher(text);
    int draws = 0;
    boolean[] lastDrawn = new boolean[2];
    while (bar.find()) {
      draws++;
      int epoch = Integer.parseInt(bar.group(2));
      int batch = Integer.parseInt(bar.group(3));
      // the running mean: sample-weighted over this epoch's batches so far, from the recorded events
      double sum = 0;
      int samples = 0;
      for (BatchEnd e : recorder.events) {
        if (e.epoch() == epoch && e.batch() <= batch) {
          sum += e.loss() * e.batchSize();
          samples += e.batchSize();
        }
      }
      assertEquals(String.format(Locale.ROOT, "%.6f", sum / samples), bar.group(5), bar.group(1));
      assertEquals(batch * 30 / 5, bar.group(4).lastIndexOf('=') + 1 + (bar.group(4).contains(">") ? 1 : 0), bar.group(1));
      if (batch == 5) {
        lastDrawn[epoch - 1] = true;
        assertEquals("=".repeat(30), bar.group(4));
        // at the last batch the running loss is the epoch's loss
        assertEquals(String.format(Locale.ROOT, "%.6f", h.series(Metric.LOSS).get(epoch - 1)), bar.group(5));
      }
    }
    assertTrue(draws >= 4 && lastDrawn[0] && lastDrawn[1], "the first and the last batch are always drawn:\n" + text);
    assertEquals(10, recorder.events.size());
    // each epoch line replaces its bar: carriage return, clear to the end of the line
    Matcher line = Pattern.compile("\r\033\\[K(epoch (\\d)/2  5 batches +\\d+\\.\\d\\ds +[\\d,]+ samples/s  loss \\d\\.\\d{6}"
        + "  accuracy \\d\\.\\d{4}  lr 1\\.00e-02)\n").matcher(text);
    assertTrue(line.find() && line.group(2).equals("1"), text);
    assertTrue(line.find() && line.group(2).equals("2"), text);
    assertTrue(text.endsWith("\nstopped: completed after 2 epochs\n"), text);
  }
}
