package dev.neurogen.toolkit.train;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.model.Model;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The state of one {@link Trainer#fit} run: the buffers, allocated once, that mini-batches are
 * gathered into, the index permutation, and the validation buffers. {@link #trainEpoch} allocates
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

  private final NeuralNetwork net;
  private final Classifier classifier;
  private final TargetTrainable trainable;
  private final Mode mode;
  private final DataSet train;
  private final DataSet validation;
  private final Stepper stepper;
  private final int batchSize;
  private final boolean shuffle;
  private final SplittableRandom random;
  private final int inputs;
  private final int outputs;
  private final int[] order;
  private final double[] x;
  private final int[] labels;
  private final double[] targets;
  private final double[] row;
  private final double[] output;
  private final double threshold;
  private final FitListener[] batchListeners;
  /** Training rows the training accuracy is measured on, ascending; null if it is not measured. */
  private final int[] accuracyRows;
  /** Outputs of one batch prediction, for the training accuracy; null if it is not measured. */
  private final double[] batchOutputs;

  /** One optimizer step on the gathered batch; returns the batch's mean loss before the update. */
  interface Stepper {
    double step(FitLoop loop, int size);
  }

  FitLoop(NeuralNetwork net, DataSet train, DataSet validation, FitConfig config, Stepper stepper,
      FitListener[] batchListeners) {
    this.net = net;
    this.train = train;
    this.validation = validation;
    this.stepper = stepper;
    this.batchSize = Math.min(config.batchSize(), train.size());
    this.shuffle = config.shuffle();
    this.random = new SplittableRandom(config.seed());
    this.threshold = config.threshold();
    this.inputs = net.inputSize();
    this.outputs = net.outputSize();
    this.mode = modeOf(net, train);
    this.classifier = mode == Mode.LABELS ? (Classifier) net : null;
    this.trainable = mode == Mode.LABELS ? null : (TargetTrainable) net;
    this.order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.x = new double[batchSize * inputs];
    this.labels = new int[batchSize];
    this.targets = mode == Mode.LABELS ? null : new double[batchSize * outputs];
    this.row = new double[inputs];
    this.output = new double[outputs];
    this.batchListeners = batchListeners;
    boolean accuracy = mode != Mode.TARGETS && config.trainingAccuracyRows() > 0;
    this.accuracyRows = accuracy ? accuracyRows(train.size(), config.trainingAccuracyRows(), config.seed()) : null;
    this.batchOutputs = accuracy ? new double[batchSize * outputs] : null;
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
  static Mode modeOf(NeuralNetwork net, DataSet data) {
    if (data.featureCount() != net.inputSize()) {
      throw new IllegalArgumentException("the data has " + data.featureCount() + " features but the network has "
          + net.inputSize() + " inputs");
    }
    int outputs = net.outputSize();
    if (data.hasLabels()) {
      if (net instanceof Classifier) {
        if (data.classCount() > outputs) {
          throw new IllegalArgumentException("the data has " + data.classCount() + " classes " + data.classNames()
              + " but the network has " + outputs + " outputs");
        }
        return Mode.LABELS;
      }
      if (!(net instanceof TargetTrainable)) {
        throw new IllegalArgumentException("the network implements neither Classifier nor TargetTrainable");
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
    if (!(net instanceof TargetTrainable)) {
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
      gather(from, size);
      double loss = stepper.step(this, size);
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

  private void gather(int from, int size) {
    for (int s = 0; s < size; s++) {
      int r = order[from + s];
      train.copyFeatures(r, x, s * inputs);
      switch (mode) {
        case LABELS:
          labels[s] = train.label(r);
          break;
        case BINARY:
          targets[s] = train.label(r);
          break;
        case ONE_HOT:
          int base = s * outputs;
          for (int k = 0; k < outputs; k++) {
            targets[base + k] = 0;
          }
          targets[base + train.label(r)] = 1;
          break;
        default:
          train.copyTargets(r, targets, s * outputs);
      }
    }
  }

  // access for the stepper
  Classifier classifier() {
    return classifier;
  }

  TargetTrainable trainable() {
    return trainable;
  }

  double[] inputs() {
    return x;
  }

  int[] labels() {
    return labels;
  }

  double[] targets() {
    return targets;
  }

  /** Mean loss over the validation data, in chunks of the batch size through the same buffers. */
  double validationLoss() {
    int n = validation.size();
    double sum = 0;
    for (int from = 0; from < n; from += batchSize) {
      int size = Math.min(batchSize, n - from);
      for (int s = 0; s < size; s++) {
        int r = from + s;
        validation.copyFeatures(r, x, s * inputs);
        switch (mode) {
          case LABELS:
            labels[s] = validation.label(r);
            break;
          case BINARY:
            targets[s] = validation.label(r);
            break;
          case ONE_HOT:
            for (int k = 0; k < outputs; k++) {
              targets[s * outputs + k] = 0;
            }
            targets[s * outputs + validation.label(r)] = 1;
            break;
          default:
            validation.copyTargets(r, targets, s * outputs);
        }
      }
      double loss = mode == Mode.LABELS ? classifier.loss(x, labels, size) : trainable.loss(x, targets, size);
      sum += loss * size;
    }
    return sum / n;
  }

  /**
   * Fraction of the training-accuracy rows ({@link #accuracyRows(int, int, long)}) that the
   * network classifies correctly now, predicted in batches of the batch size through the batch
   * buffers ({@code predict(inputs, outputs, batchSize)}); a single output is class 1 at or above
   * the threshold, else the largest output wins (lowest index on ties), as {@link Model#classOf}.
   * NaN if not measured.
   */
  double trainingAccuracy() {
    if (accuracyRows == null) {
      return Double.NaN;
    }
    int n = accuracyRows.length;
    int correct = 0;
    for (int from = 0; from < n; from += batchSize) {
      int size = Math.min(batchSize, n - from);
      for (int s = 0; s < size; s++) {
        train.copyFeatures(accuracyRows[from + s], x, s * inputs);
      }
      net.predict(x, batchOutputs, size);
      for (int s = 0; s < size; s++) {
        if (classAt(batchOutputs, s * outputs) == train.label(accuracyRows[from + s])) {
          correct++;
        }
      }
    }
    return (double) correct / n;
  }

  /** {@link Model#classOf} of the output row at {@code base} of {@code values}, without a copy. */
  private int classAt(double[] values, int base) {
    if (outputs == 1) {
      return values[base] >= threshold ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < outputs; k++) {
      if (values[base + k] > values[base + best]) {
        best = k;
      }
    }
    return best;
  }

  /** Fraction of validation rows classified correctly; NaN for target rows. */
  double validationAccuracy() {
    if (mode == Mode.TARGETS) {
      return Double.NaN;
    }
    int correct = 0;
    for (int r = 0; r < validation.size(); r++) {
      validation.copyFeatures(r, row, 0);
      net.predict(row, output);
      if (Model.classOf(output, threshold) == validation.label(r)) {
        correct++;
      }
    }
    return (double) correct / validation.size();
  }
}
