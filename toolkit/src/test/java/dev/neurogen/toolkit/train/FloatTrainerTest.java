package dev.neurogen.toolkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatNetwork;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Precision;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.Sgd;
import dev.neurogen.toolkit.AllocationMeter;
import dev.neurogen.toolkit.Nets_BinaryFloatImpl;
import dev.neurogen.toolkit.Nets_DigitsFloatImpl;
import dev.neurogen.toolkit.Nets_IrisFloatImpl;
import dev.neurogen.toolkit.Nets_IrisImpl;
import dev.neurogen.toolkit.Nets_RegressionFloatImpl;
import dev.neurogen.toolkit.TestData;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.data.Split;
import dev.neurogen.toolkit.eval.ClassificationEvaluation;
import dev.neurogen.toolkit.eval.RegressionEvaluation;
import dev.neurogen.toolkit.model.Model;
import dev.neurogen.toolkit.preprocess.Standardizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Trainer#fit} of float networks ({@code precision = FLOAT}), against their double twins and a hand-written loop. */
class FloatTrainerTest {

  private static Split irisSplit() {
    return Split.of(TestData.iris(), 0.6, 0.2, 0.2, 1L);
  }

  @Test
  void floatIrisLearnsAsWellAsItsDoubleTwin() {
    Split split = irisSplit();
    Standardizer scaler = Standardizer.fit(split.train());
    DataSet train = scaler.transform(split.train());
    DataSet validation = scaler.transform(split.validation());
    FitConfig config = FitConfig.builder().epochs(60).batchSize(16).seed(5L).optimizer(Adam.of(0.01)).build();
    Nets_IrisImpl twin = new Nets_IrisImpl(3L);
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(3L);
    History doubles = Trainer.fit(twin, train, validation, config);
    History floats = Trainer.fit(net, train, validation, config);

    assertEquals(doubles.names(), floats.names());
    assertEquals(StopReason.COMPLETED, floats.stopReason());
    assertEquals(60, floats.epochs());
    // the same seeds, data and batches: the two runs follow each other closely (float rounds at 6e-8;
    // the largest difference seen is 7.8e-8 of the first epoch's loss)
    List<Double> lossD = doubles.series(Metric.LOSS);
    List<Double> lossF = floats.series(Metric.LOSS);
    for (int e = 0; e < 60; e++) {
      assertEquals(lossD.get(e), lossF.get(e), 1e-5 * lossD.get(0), "loss of epoch " + (e + 1));
    }
    assertTrue(lossF.get(59) < lossF.get(0) / 4, lossF.toString());
    assertEquals(doubles.series("lr"), floats.series("lr"));

    Model floatModel = Model.of(net, scaler, split.train().classNames());
    Model doubleModel = Model.of(twin, scaler, split.train().classNames());
    assertEquals(Precision.FLOAT, floatModel.precision());
    ClassificationEvaluation f = ClassificationEvaluation.of(floatModel, split.test());
    ClassificationEvaluation d = ClassificationEvaluation.of(doubleModel, split.test());
    assertTrue(f.accuracy() >= 0.9, "float test accuracy " + f.accuracy());
    assertTrue(Math.abs(f.accuracy() - d.accuracy()) <= 1.0 / split.test().size() + 1e-12,
        "float " + f.accuracy() + " against double " + d.accuracy());
    assertEquals(d.logLoss(), f.logLoss(), 1e-5 * d.logLoss()); // seen: 2.5e-7 relative
    // the training accuracy is the float model's on the training rows
    assertEquals(ClassificationEvaluation.of(Model.of(net, null, split.train().classNames()), train).accuracy(),
        floats.last(Metric.ACCURACY), 1e-15);
  }

  @Test
  void floatRegressionAndBinaryTrainOnTargetRowsAndLabels() {
    int n = 200;
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4.0 * i / (n - 1);
      t[i] = Math.sin(x[i]);
    }
    Split split = Split.of(DataSet.ofTargets(x, 1, t, 1), 0.8, 0.2, 0.0, 4L);
    Nets_RegressionFloatImpl net = new Nets_RegressionFloatImpl(1L);
    History h = Trainer.fit(net, split.train(), split.validation(),
        FitConfig.builder().epochs(200).batchSize(16).optimizer(Adam.of(0.01)).build());
    assertEquals(List.of("loss", "val_loss", "lr"), h.names());
    RegressionEvaluation e = RegressionEvaluation.of(Model.of(net, null, List.of()), split.validation());
    assertTrue(e.r2() > 0.98, e.toString());

    SplittableRandom random = new SplittableRandom(1);
    int m = 400;
    double[] xy = new double[2 * m];
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      xy[2 * i] = random.nextDouble(-1, 1);
      xy[2 * i + 1] = random.nextDouble(-1, 1);
      y[i] = xy[2 * i] * xy[2 * i + 1] > 0 ? 1 : 0;
    }
    DataSet data = DataSet.ofLabels(xy, 2, y).withClassNames(List.of("different", "same"));
    Split parts = Split.of(data, 0.8, 0.0, 0.2, 3L);
    Nets_BinaryFloatImpl binary = new Nets_BinaryFloatImpl(2L);
    History b = Trainer.fit(binary, parts.train(), null,
        FitConfig.builder().epochs(150).batchSize(16).optimizer(Adam.of(0.02)).build());
    assertEquals(List.of("loss", "accuracy", "lr"), b.names());
    Model model = Model.of(binary, null, data.classNames());
    assertEquals(2, model.classCount());
    assertTrue(ClassificationEvaluation.of(model, parts.test()).accuracy() > 0.9);
    assertEquals("same", model.className(new double[] {0.8, 0.7}));
  }

  // ---- the fit loop is the hand-written loop of float trainStep calls, bit for bit

  /** The shuffled order of each epoch, written out as FitLoop's contract says: Fisher-Yates with SplittableRandom(seed). */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Epoch losses of a hand-written loop of FloatClassifier.trainStep over the fit's batches. */
  private static List<Double> handWrittenLabels(FloatClassifier net, DataSet data, int epochs, int batch, long seed,
      Optimizer optimizer) {
    OptimizerState state = optimizer.newState();
    SplittableRandom random = new SplittableRandom(seed);
    int n = data.size();
    int in = net.inputSize();
    int[] order = identity(n);
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      shuffle(order, random);
      double sum = 0;
      for (int from = 0; from < n; from += batch) {
        int size = Math.min(batch, n - from);
        float[] x = new float[size * in];
        int[] labels = new int[size];
        for (int s = 0; s < size; s++) {
          for (int k = 0; k < in; k++) {
            x[s * in + k] = (float) data.feature(order[from + s], k);
          }
          labels[s] = data.label(order[from + s]);
        }
        sum += (double) net.trainStep(x, labels, size, state) * size; // the float loss widened, then weighted
      }
      losses.add(sum / n);
    }
    assertEquals(Precision.FLOAT, state.precision());
    return losses;
  }

  /** The same for FloatTargetTrainable.trainStep on target rows. */
  private static List<Double> handWrittenTargets(FloatTargetTrainable net, DataSet data, int epochs, int batch, long seed,
      Optimizer optimizer) {
    OptimizerState state = optimizer.newState();
    SplittableRandom random = new SplittableRandom(seed);
    int n = data.size();
    int in = net.inputSize();
    int out = net.outputSize();
    int[] order = identity(n);
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      shuffle(order, random);
      double sum = 0;
      for (int from = 0; from < n; from += batch) {
        int size = Math.min(batch, n - from);
        float[] x = new float[size * in];
        float[] targets = new float[size * out];
        for (int s = 0; s < size; s++) {
          for (int k = 0; k < in; k++) {
            x[s * in + k] = (float) data.feature(order[from + s], k);
          }
          for (int k = 0; k < out; k++) {
            targets[s * out + k] = (float) data.target(order[from + s], k);
          }
        }
        sum += (double) net.trainStep(x, targets, size, state) * size;
      }
      losses.add(sum / n);
    }
    return losses;
  }

  private static float[] parameters(FloatNetwork net) {
    float[] p = new float[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  @Test
  void floatFitIsTheHandWrittenLoopOfFloatTrainStepsBitForBit() {
    Split split = irisSplit();
    // batch 7 does not divide the 90 rows: the last batch of each epoch is short
    for (Optimizer optimizer : List.of(Adam.of(0.01), Sgd.builder().learningRate(0.05).momentum(0.9).build())) {
      FitConfig config = FitConfig.builder().epochs(6).batchSize(7).seed(11L).optimizer(optimizer).build();
      Nets_IrisFloatImpl fitted = new Nets_IrisFloatImpl(3L);
      History h = Trainer.fit(fitted, split.train(), split.validation(), config);
      Nets_IrisFloatImpl byHand = new Nets_IrisFloatImpl(3L);
      List<Double> losses = handWrittenLabels(byHand, split.train(), 6, 7, 11L, optimizer);
      assertArrayEquals(parameters(byHand), parameters(fitted), optimizer.toString());
      assertEquals(losses, h.series(Metric.LOSS), optimizer.toString());
      assertNotEquals(parameters(new Nets_IrisFloatImpl(3L))[0], parameters(fitted)[0]);
    }

    int n = 50;
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4.0 * i / (n - 1);
      t[i] = Math.sin(x[i]);
    }
    DataSet data = DataSet.ofTargets(x, 1, t, 1);
    FitConfig config = FitConfig.builder().epochs(5).batchSize(8).seed(2L).optimizer(Adam.of(0.01)).build();
    Nets_RegressionFloatImpl fitted = new Nets_RegressionFloatImpl(1L);
    History h = Trainer.fit(fitted, data, null, config);
    Nets_RegressionFloatImpl byHand = new Nets_RegressionFloatImpl(1L);
    assertEquals(handWrittenTargets(byHand, data, 5, 8, 2L, config.optimizer()), h.series(Metric.LOSS));
    assertArrayEquals(parameters(byHand), parameters(fitted));
  }

  // ---- allocation

  private static DataSet randomLabels(int n, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[features * n];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(classes);
    }
    return DataSet.ofLabels(x, features, y);
  }

  /** Bytes of rounds of 200 epochs, repeated while a round allocates (a JIT event may, once). */
  private static List<Long> rounds(Runnable epoch) {
    List<Long> rounds = new ArrayList<>();
    rounds.add(AllocationMeter.bytesAllocated(epoch, 1_500, 200));
    while (rounds.get(rounds.size() - 1) != 0 && rounds.size() < 5) {
      rounds.add(AllocationMeter.bytesAllocated(epoch, 0, 200));
    }
    return rounds;
  }

  @Test
  void theFloatBatchLoopAllocatesNothing() {
    DataSet data = randomLabels(100, 64, 10, 5);
    Nets_DigitsFloatImpl net = new Nets_DigitsFloatImpl(1L);
    for (Optimizer optimizer : List.of(Adam.of(1e-4), Sgd.of(1e-4))) {
      FitConfig config = FitConfig.builder().batchSize(32).optimizer(optimizer).trainingAccuracyRows(60).build();
      FitLoop loop = new FitLoop(FitNetwork.of(net, optimizer.newState()), data, data, config, new FitListener[0]);
      // 4 batches per epoch (the last one of 4 samples), shuffled, validation, training accuracy,
      // and keeping the parameters as early stopping does after an improving epoch
      Runnable epoch = () -> {
        loop.trainEpoch(1);
        loop.validationLoss();
        loop.validationAccuracy();
        loop.trainingAccuracy();
        loop.keepParameters();
      };
      List<Long> rounds = rounds(epoch);
      assertEquals(0, rounds.get(rounds.size() - 1), optimizer + ": bytes allocated by rounds of 200 epochs of 4 batches: "
          + rounds);
    }
    // target rows: the float targets are gathered (rounded) without a copy either
    int n = 100;
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / 100.0;
      t[i] = x[i] * x[i];
    }
    DataSet targets = DataSet.ofTargets(x, 1, t, 1);
    FitConfig config = FitConfig.builder().batchSize(32).optimizer(Adam.of(1e-4)).build();
    FitLoop loop = new FitLoop(FitNetwork.of(new Nets_RegressionFloatImpl(1L), config.optimizer().newState()), targets,
        targets, config, new FitListener[0]);
    List<Long> rounds = rounds(() -> {
      loop.trainEpoch(1);
      loop.validationLoss();
    });
    assertEquals(0, rounds.get(rounds.size() - 1), "target rows: " + rounds);
  }

  // ---- early stopping

  /** Records each epoch's float parameters. */
  private static final class Recorder implements FitListener {
    final FloatNetwork net;
    final List<float[]> parameters = new ArrayList<>();
    final int stopAt;

    Recorder(FloatNetwork net, int stopAt) {
      this.net = net;
      this.stopAt = stopAt;
    }

    @Override
    public Decision onEpochEnd(EpochEnd event) {
      parameters.add(parameters(net));
      return event.epoch() == stopAt ? Decision.STOP : Decision.CONTINUE;
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpochsFloatParameters() {
    Split split = irisSplit();
    // a high learning rate makes the validation loss noisy, so the best epoch is not the last
    FitConfig base = FitConfig.builder().epochs(40).batchSize(4).seed(2L).optimizer(Sgd.of(0.5))
        .earlyStopping(EarlyStopping.of(Metric.VAL_LOSS, 3)).build();
    for (int stopAt : new int[] {Integer.MAX_VALUE, 7}) {
      Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(4L);
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
      assertTrue(h.restoredBest());
      assertTrue(h.bestEpoch() < h.epochs(), "the best epoch is not the last: " + val);
      assertArrayEquals(recorder.parameters.get(best), parameters(net));
      assertEquals(stopAt == 7 ? StopReason.LISTENER : StopReason.EARLY_STOPPING, h.stopReason());
    }
  }

  // ---- checks

  @Test
  void threadsAndStatesOfTheOtherPrecisionAreRejectedWithClearMessages() {
    Split split = irisSplit();
    FitConfig config = FitConfig.builder().epochs(1).optimizer(Adam.of(0.01)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(
        new Nets_IrisFloatImpl(1L), split.train(), null, config.toBuilder().threads(2).build()));
    assertTrue(e.getMessage().startsWith("threads is 2 but dev.neurogen.toolkit.Nets_IrisFloatImpl is a float network"
        + " (precision FLOAT), and data-parallel training is double-only"), e.getMessage());
    // automatic and one thread train on the calling thread, with the same result
    Nets_IrisFloatImpl automatic = new Nets_IrisFloatImpl(1L);
    Nets_IrisFloatImpl one = new Nets_IrisFloatImpl(1L);
    Trainer.fit(automatic, split.train(), null, config);
    Trainer.fit(one, split.train(), null, config.toBuilder().threads(1).build());
    assertArrayEquals(parameters(automatic), parameters(one));

    // a state bound to the double twin
    OptimizerState doubleState = config.optimizer().newState();
    Trainer.fit(new Nets_IrisImpl(1L), split.train(), null, config, doubleState);
    e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.fit(new Nets_IrisFloatImpl(1L), split.train(), null, config, doubleState));
    assertEquals("state is bound to a double network but net is a float network; give it a state of its own,"
        + " config.optimizer().newState() (a float network and its double twin need a state each)", e.getMessage());
    OptimizerState floatState = config.optimizer().newState();
    Trainer.fit(new Nets_IrisFloatImpl(1L), split.train(), null, config, floatState);
    assertEquals(Precision.FLOAT, floatState.precision());
    e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.fit(new Nets_IrisImpl(1L), split.train(), null, config, floatState));
    assertTrue(e.getMessage().startsWith("state is bound to a float network but net is a double network"), e.getMessage());

    // data checks name the float interfaces
    e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.fit(new Nets_RegressionFloatImpl(1L), split.train(), null, config));
    assertEquals("the data has 4 features but the network has 1 inputs", e.getMessage());
  }

  @Test
  void aFloatModelPredictsThroughItsFloatNetwork() {
    Split split = irisSplit();
    Standardizer scaler = Standardizer.fit(split.train());
    Nets_IrisFloatImpl net = new Nets_IrisFloatImpl(3L);
    Model model = Model.of(net, scaler, split.train().classNames());
    assertSame(net, model.floatNetwork());
    assertEquals(Precision.FLOAT, model.precision());
    IllegalStateException e = assertThrows(IllegalStateException.class, model::network);
    assertEquals("this model holds a float network (precision FLOAT); use floatNetwork()", e.getMessage());
    assertEquals(Precision.DOUBLE, Model.of(new Nets_IrisImpl(3L), null, List.of()).precision());
    assertThrows(IllegalStateException.class, () -> Model.of(new Nets_IrisImpl(3L), null, List.of()).floatNetwork());
    assertTrue(model.toString().contains(", precision=FLOAT,"), model.toString());
    assertEquals(3, Model.classCountOf(net));
    // the model's prediction: scale in double, round to float, the network's own float predict, widen
    double[] raw = split.test().featureRow(0);
    double[] scaled = new double[4];
    scaler.transform(raw, 0, scaled, 0);
    float[] in = new float[4];
    for (int k = 0; k < 4; k++) {
      in[k] = (float) scaled[k];
    }
    float[] out = new float[3];
    net.predict(in, out);
    double[] expected = {out[0], out[1], out[2]};
    assertArrayEquals(expected, model.predict(raw));
    assertEquals(net.classify(in), model.classify(raw));
    double[][] many = model.predict(new double[][] {raw, raw});
    assertArrayEquals(expected, many[1]);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> model.predict(raw, new double[2]));
    assertTrue(bad.getMessage().contains("output has 2 values but the network has 3 outputs"), bad.getMessage());
  }
}
