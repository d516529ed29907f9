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
import java.util.SplittableRandom;
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
    assertEquals(List.of("loss", "val_loss", "val_accuracy", "lr"), history.names());
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
    assertTrue(config.toBuilder().threads(2).build().toString().endsWith("threads=2]"));
    assertTrue(config.toString().endsWith("threads=automatic]"));
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
    assertEquals(List.of("loss", "lr"), h.names());
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
      FitConfig config = FitConfig.builder().batchSize(32).optimizer(optimizer).build();
      FitLoop loop = new FitLoop(net, data, data, config, Steppers.of(optimizer.newState()), new FitListener[0]);
      // 4 batches per epoch (the last one of 4 samples), shuffled each epoch, plus validation.
      // A round that the JIT disturbs (a deoptimisation on this shared machine) may allocate a
      // few bytes once; an allocation per batch would show in every round.
      Runnable epoch = () -> {
        loop.trainEpoch(1);
        loop.validationLoss();
        loop.validationAccuracy();
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

  @Test
  void consoleProgressPrintsOneAlignedLinePerEpochWithoutATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Split split = irisSplit();
    Trainer.fit(new Nets_IrisImpl(1L), split.train(), split.validation(),
        FitConfig.builder().epochs(12).batchSize(30).optimizer(Adam.of(0.01))
            .earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, 50)).build(),
        ConsoleProgress.create(out, false));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(13, lines.length, String.join("\n", lines));
    assertTrue(lines[0].matches("epoch  1/12  3 batches +\\d+\\.\\d\\ds +\\d+ samples/s  loss \\d\\.\\d{6}  val_loss \\d\\.\\d{6}"
        + "  val_accuracy \\d\\.\\d{6}  lr 0\\.010000 \\*"), lines[0]);
    assertEquals(lines[0].indexOf("batches"), lines[11].indexOf("batches"));
    assertTrue(lines[12].startsWith("stopped: completed after 12 epochs; best val_loss"), lines[12]);
    assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("\r"));
  }

  @Test
  void consoleProgressDrawsABarOnATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Split split = irisSplit();
    Trainer.fit(new Nets_IrisImpl(1L), split.train(), null,
        FitConfig.builder().epochs(2).batchSize(30).optimizer(Adam.of(0.01)).build(), ConsoleProgress.create(out, true));
    String text = bytes.toString(StandardCharsets.UTF_8);
    // the last batch of each epoch is always drawn, full, then replaced by the epoch line
    assertTrue(text.contains("\repoch 1/2 3/3 [==============================] "), text);
    assertTrue(text.contains("\r\033[Kepoch 1/2  3 batches"), text);
    assertTrue(text.contains("\r\033[Kepoch 2/2  3 batches"), text);
  }
}
