package dev.neurogen.toolkit.train;

import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.model.Model;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The state of one {@link Trainer#fit} run: the index permutation, and the network with its batch
 * buffers, allocated once, in the network's precision ({@link FitNetwork}), that mini-batches,
 * validation chunks and prediction batches are gathered into. {@link #trainEpoch} allocates
 * nothing (asserted by the tests) unless a listener receives batch events; nor do the validation
 * and training-accuracy passes.
 */
final class FitLoop {
  /** How the data's labels or targets reach the network. */
  enum Mode {
    /** int labels to {@code Classifier.trainStep}. */
    LABELS,
    /** labels 0/1 as target rows of one value (a single sigmoid output). */
    BINARY,
    /** labels as one-hot target rows. */
    ONE_HOT,
    /** real target rows. */
    TARGETS
  }

  private final FitNetwork net;
  private final Mode mode;
  private final DataSet train;
  private final DataSet validation;
  private final int batchSize;
  private final boolean shuffle;
  private final SplittableRandom random;
  private final int outputs;
  private final int[] order;
  private final double threshold;
  private final FitListener[] batchListeners;
  /** Training rows the training accuracy is measured on, ascending; null if it is not measured. */
  private final int[] accuracyRows;

  FitLoop(FitNetwork net, DataSet train, DataSet validation, FitConfig config, FitListener[] batchListeners) {
    this.net = net;
    this.train = train;
    this.validation = validation;
    this.batchSize = Math.min(config.batchSize(), train.size());
    this.shuffle = config.shuffle();
    this.random = new SplittableRandom(config.seed());
    this.threshold = config.threshold();
    this.outputs = net.outputs;
    this.mode = modeOf(net, train);
    this.order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.batchListeners = batchListeners;
    boolean accuracy = mode != Mode.TARGETS && config.trainingAccuracyRows() > 0;
    this.accuracyRows = accuracy ? accuracyRows(train.size(), config.trainingAccuracyRows(), config.seed()) : null;
    net.allocate(batchSize, mode == Mode.LABELS, mode != Mode.LABELS, mode != Mode.TARGETS);
  }

  /**
   * The training rows the training accuracy is measured on: all {@code n} if {@code most >= n},
   * else {@code most} distinct rows drawn by a partial Fisher-Yates shuffle with a generator split
   * from {@code new SplittableRandom(seed)} (so the shuffling's own sequence is untouched), sorted
   * ascending. The same seed and sizes give the same rows.
   */
  static int[] accuracyRows(int n, int most, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (most >= n) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(seed).split();
    for (int i = 0; i < most; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] rows = Arrays.copyOf(all, most);
    Arrays.sort(rows);
    return rows;
  }

  /** True if the training accuracy is measured (labels, and {@code trainingAccuracyRows > 0}). */
  boolean measuresTrainingAccuracy() {
    return accuracyRows != null;
  }

  /**
   * Checks that {@code data} fits {@code net} and says how its labels or targets are fed.
   *
   * @throws IllegalArgumentException naming the mismatch
   */
  static Mode modeOf(FitNetwork net, DataSet data) {
    if (data.featureCount() != net.inputs) {
      throw new IllegalArgumentException("the data has " + data.featureCount() + " features but the network has "
          + net.inputs + " inputs");
    }
    int outputs = net.outputs;
    if (data.hasLabels()) {
      if (net.trainsOnLabels()) {
        if (data.classCount() > outputs) {
          throw new IllegalArgumentException("the data has " + data.classCount() + " classes " + data.classNames()
              + " but the network has " + outputs + " outputs");
        }
        return Mode.LABELS;
      }
      if (!net.trainsOnTargets()) {
        throw new IllegalArgumentException("the network implements neither " + net.trainingInterfaces());
      }
      if (outputs == 1) {
        if (data.classCount() > 2) {
          throw new IllegalArgumentException("a network with one output is a binary classifier, but the data has "
              + data.classCount() + " classes " + data.classNames());
        }
        return Mode.BINARY;
      }
      if (data.classCount() > outputs) {
        throw new IllegalArgumentException("the data has " + data.classCount() + " classes but the network has "
            + outputs + " outputs");
      }
      return Mode.ONE_HOT;
    }
    if (!net.trainsOnTargets()) {
      throw new IllegalArgumentException("the data has target rows but the network (loss " + net.loss()
          + ") trains only on class labels; read the data with a label column");
    }
    if (data.targetCount() != outputs) {
      throw new IllegalArgumentException("the data has " + data.targetCount() + " targets per row but the network has "
          + outputs + " outputs");
    }
    return Mode.TARGETS;
  }

  int batchesPerEpoch() {
    return (train.size() + batchSize - 1) / batchSize;
  }

  Mode mode() {
    return mode;
  }

  /** Shuffles (if configured), then one step per mini-batch; returns the sample-weighted mean loss. */
  double trainEpoch(int epoch) {
    int n = order.length;
    if (shuffle) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    long start = System.nanoTime();
    int batches = batchesPerEpoch();
    double sum = 0;
    for (int b = 0; b < batches; b++) {
      int from = b * batchSize;
      int size = Math.min(batchSize, n - from);
      for (int s = 0; s < size; s++) {
        gather(train, order[from + s], s);
      }
      double loss = net.step(size);
      sum += loss * size;
      if (batchListeners.length > 0) {
        double seconds = (System.nanoTime() - start) * 1e-9;
        BatchEnd event = new BatchEnd(epoch, b + 1, batches, size, loss, (from + size) / seconds, seconds);
        for (FitListener listener : batchListeners) {
          listener.onBatchEnd(event);
        }
      }
    }
    return sum / n;
  }

  /** Gathers row {@code r} of {@code data} (features and label or targets) into slot {@code s} of the batch. */
  private void gather(DataSet data, int r, int s) {
    net.copyFeatures(data, r, s);
    switch (mode) {
      case LABELS:
        net.setLabel(s, data.label(r));
        break;
      case BINARY:
        net.setTarget(s, data.label(r));
        break;
      case ONE_HOT:
        int base = s * outputs;
        for (int k = 0; k < outputs; k++) {
          net.setTarget(base + k, 0);
        }
        net.setTarget(base + data.label(r), 1);
        break;
      default:
        net.copyTargets(data, r, s);
    }
  }

  /** Mean loss over the validation data, in chunks of the batch size through the same buffers. */
  double validationLoss() {
    int n = validation.size();
    double sum = 0;
    for (int from = 0; from < n; from += batchSize) {
      int size = Math.min(batchSize, n - from);
      for (int s = 0; s < size; s++) {
        gather(validation, from + s, s);
      }
      sum += net.loss(size) * size;
    }
    return sum / n;
  }

  /**
   * Fraction of the training-accuracy rows ({@link #accuracyRows(int, int, long)}) that the
   * network classifies correctly now, predicted in batches of the batch size through the batch
   * buffers; a single output is class 1 at or above the threshold, else the largest output wins
   * (lowest index on ties), as {@link Model#classOf}. NaN if not measured.
   */
  double trainingAccuracy() {
    if (accuracyRows == null) {
      return Double.NaN;
    }
    return accuracy(train, accuracyRows, accuracyRows.length);
  }

  /** Fraction of validation rows classified correctly, predicted in batches like {@link #trainingAccuracy}; NaN for target rows. */
  double validationAccuracy() {
    if (mode == Mode.TARGETS) {
      return Double.NaN;
    }
    return accuracy(validation, null, validation.size());
  }

  /** Fraction of {@code n} rows of {@code data} ({@code rows[i]}, or row i if {@code rows} is null) classified correctly. */
  private double accuracy(DataSet data, int[] rows, int n) {
    int correct = 0;
    for (int from = 0; from < n; from += batchSize) {
      int size = Math.min(batchSize, n - from);
      for (int s = 0; s < size; s++) {
        net.copyFeatures(data, rows == null ? from + s : rows[from + s], s);
      }
      net.predict(size);
      for (int s = 0; s < size; s++) {
        if (classAt(s * outputs) == data.label(rows == null ? from + s : rows[from + s])) {
          correct++;
        }
      }
    }
    return (double) correct / n;
  }

  /** {@link Model#classOf} of the output row at {@code base} of the last prediction, without a copy. */
  private int classAt(int base) {
    if (outputs == 1) {
      return net.output(base) >= threshold ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < outputs; k++) {
      if (net.output(base + k) > net.output(base + best)) {
        best = k;
      }
    }
    return best;
  }

  /** Copies the network's parameters aside (the best epoch's, for early stopping). */
  void keepParameters() {
    net.keepParameters();
  }

  /** Puts back the parameters last kept. */
  void restoreParameters() {
    net.restoreParameters();
  }
}
