package dev.neurogen.toolkit.train;

import dev.neurogen.Classifier;
import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatNetwork;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.Precision;
import dev.neurogen.TargetTrainable;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.parallel.BatchPartition;
import dev.neurogen.parallel.DataParallel;
import dev.neurogen.parallel.ParallelTrainer;
import dev.neurogen.toolkit.data.DataSet;

/**
 * A network of either precision as the fit loop sees it, with the batch buffers in its precision:
 * the loop gathers double rows of a {@link DataSet} into them ({@link #copyFeatures}, {@link
 * #setLabel}, {@link #setTarget}, {@link #copyTargets}), then trains, measures the loss or predicts
 * on the gathered batch. The buffers are allocated once, by {@link #allocate}; nothing else
 * allocates (the float one narrows each row through a scratch row).
 *
 * <p>{@link Doubles} trains a {@link NeuralNetwork} through its {@code trainStep}, or a generated
 * one through a {@link ParallelTrainer} on any number of threads; {@link Floats} trains a {@link
 * FloatNetwork} through its float {@code trainStep} on the calling thread (data-parallel training
 * is double-only).
 */
abstract sealed class FitNetwork permits FitNetwork.Doubles, FitNetwork.Floats {
  final OptimizerState state;
  final int inputs;
  final int outputs;
  private final Precision precision;
  private final Loss loss;
  private final boolean trainsOnLabels;
  private final boolean trainsOnTargets;
  private final String trainingInterfaces;
  int[] labels;

  private FitNetwork(OptimizerState state, int[] layerSizes, Precision precision, Loss loss, boolean trainsOnLabels,
      boolean trainsOnTargets, String trainingInterfaces) {
    this.state = state;
    this.inputs = layerSizes[0];
    this.outputs = layerSizes[layerSizes.length - 1];
    this.precision = precision;
    this.loss = loss;
    this.trainsOnLabels = trainsOnLabels;
    this.trainsOnTargets = trainsOnTargets;
    this.trainingInterfaces = trainingInterfaces;
  }

  /**
   * A double network trained with {@code state}'s optimizer, through {@code trainer} if it is not
   * null (see {@link #parallelTrainer}).
   */
  static FitNetwork of(NeuralNetwork net, OptimizerState state, ParallelTrainer trainer) {
    return new Doubles(net, state, trainer);
  }

  /** A float network trained with {@code state}'s optimizer (bound as a float state). */
  static FitNetwork of(FloatNetwork net, OptimizerState state) {
    return new Floats(net, state);
  }

  /**
   * The trainer of a generated double network, with {@code config.threads()} threads or as many
   * as pay for batches of {@code batchSize}; null for a network that is not generated (it trains
   * through its own {@code trainStep}, on one thread). A generated network always goes through the
   * trainer, whatever the number of threads, so that its parameters never depend on it.
   *
   * @throws IllegalArgumentException if more than one thread is asked of a network that is not generated
   */
  static ParallelTrainer parallelTrainer(NeuralNetwork net, FitConfig config, int batchSize) {
    int threads = config.threads();
    if (!(net instanceof DataParallel)) {
      if (threads > 1) {
        throw new IllegalArgumentException("threads is " + threads + " but " + net.getClass().getName()
            + " is not a generated network and trains on one thread only; set threads(1)");
      }
      return null;
    }
    if (threads == FitConfig.AUTOMATIC_THREADS) {
      threads = ParallelTrainer.recommendedThreads(net, batchSize, BatchPartition.DEFAULT);
    }
    return ParallelTrainer.builder(net).threads(threads).partition(BatchPartition.DEFAULT).build();
  }

  /**
   * Checks that a float network can train with {@code config}: data-parallel training is
   * double-only, so a float network trains on the calling thread ({@code threads(0)} means one).
   *
   * @throws IllegalArgumentException if {@code config.threads()} is more than 1
   */
  static void checkFloatThreads(FloatNetwork net, FitConfig config) {
    if (config.threads() > 1) {
      throw new IllegalArgumentException("threads is " + config.threads() + " but " + net.getClass().getName()
          + " is a float network (precision FLOAT), and data-parallel training is double-only: a float network trains"
          + " on the calling thread; set threads(1) or threads(0), or train its double twin on several threads");
    }
  }

  /** The precision of the network; the optimizer state must be unbound or bound to it. */
  final Precision precision() {
    return precision;
  }

  /** The network's loss. */
  final Loss loss() {
    return loss;
  }

  /** True if it trains on class labels ({@code Classifier} or {@code FloatClassifier}). */
  final boolean trainsOnLabels() {
    return trainsOnLabels;
  }

  /** True if it trains on target rows ({@code TargetTrainable} or {@code FloatTargetTrainable}). */
  final boolean trainsOnTargets() {
    return trainsOnTargets;
  }

  /** The names of the two training interfaces of its precision, for messages. */
  final String trainingInterfaces() {
    return trainingInterfaces;
  }

  /**
   * Allocates the batch buffers for batches of up to {@code batchSize}: inputs, labels (if {@code
   * labels}), targets (if {@code targets}), outputs (if {@code outputs}).
   */
  abstract void allocate(int batchSize, boolean labels, boolean targets, boolean outputs);

  /** Copies row {@code row} of {@code data} into slot {@code slot} of the input batch. */
  abstract void copyFeatures(DataSet data, int row, int slot);

  /** Sets the label of slot {@code slot}. */
  final void setLabel(int slot, int label) {
    labels[slot] = label;
  }

  /** Sets target value {@code index} (row-major over the batch's target rows). */
  abstract void setTarget(int index, double value);

  /** Copies the target row {@code row} of {@code data} into slot {@code slot} of the target batch. */
  abstract void copyTargets(DataSet data, int row, int slot);

  /** One optimizer step on the first {@code size} gathered samples; the batch's mean loss before it. */
  abstract double step(int size);

  /** The mean loss of the first {@code size} gathered samples (labels if it trains on them, else targets). */
  abstract double loss(int size);

  /** Predicts the first {@code size} gathered samples into the output batch. */
  abstract void predict(int size);

  /** Output {@code index} (row-major) of the last {@link #predict}. */
  abstract double output(int index);

  /** Copies the parameters aside (into a copy allocated on the first call), for {@link #restoreParameters}. */
  abstract void keepParameters();

  /** Puts back the parameters last copied by {@link #keepParameters}. */
  abstract void restoreParameters();

  /** A {@link NeuralNetwork} in double buffers. */
  static final class Doubles extends FitNetwork {
    private final NeuralNetwork net;
    private final Classifier classifier;
    private final TargetTrainable trainable;
    private final ParallelTrainer trainer;
    private double[] x;
    private double[] targets;
    private double[] out;
    private double[] kept;

    Doubles(NeuralNetwork net, OptimizerState state, ParallelTrainer trainer) {
      super(state, net.layerSizes(), Precision.DOUBLE, net.loss(), net instanceof Classifier,
          net instanceof TargetTrainable, "Classifier nor TargetTrainable");
      this.net = net;
      this.classifier = net instanceof Classifier c ? c : null;
      this.trainable = net instanceof TargetTrainable t ? t : null;
      this.trainer = trainer;
    }

    @Override
    void allocate(int batchSize, boolean withLabels, boolean withTargets, boolean withOutputs) {
      x = new double[batchSize * inputs];
      labels = withLabels ? new int[batchSize] : null;
      targets = withTargets ? new double[batchSize * outputs] : null;
      out = withOutputs ? new double[batchSize * outputs] : null;
    }

    @Override
    void copyFeatures(DataSet data, int row, int slot) {
      data.copyFeatures(row, x, slot * inputs);
    }

    @Override
    void setTarget(int index, double value) {
      targets[index] = value;
    }

    @Override
    void copyTargets(DataSet data, int row, int slot) {
      data.copyTargets(row, targets, slot * outputs);
    }

    @Override
    double step(int size) {
      if (targets == null) {
        return trainer != null ? trainer.trainStep(x, labels, size, state) : classifier.trainStep(x, labels, size, state);
      }
      return trainer != null ? trainer.trainStep(x, targets, size, state) : trainable.trainStep(x, targets, size, state);
    }

    @Override
    double loss(int size) {
      return targets == null ? classifier.loss(x, labels, size) : trainable.loss(x, targets, size);
    }

    @Override
    void predict(int size) {
      net.predict(x, out, size);
    }

    @Override
    double output(int index) {
      return out[index];
    }

    @Override
    void keepParameters() {
      if (kept == null) {
        kept = new double[net.parameterCount()];
      }
      net.getParameters(kept);
    }

    @Override
    void restoreParameters() {
      net.setParameters(kept);
    }
  }

  /**
   * A {@link FloatNetwork} in float buffers: each double row of the data is rounded to float as it
   * is gathered (the rounding {@code (float) value}, as a caller of the float network's own methods
   * would), losses are widened to double.
   */
  static final class Floats extends FitNetwork {
    private final FloatNetwork net;
    private final FloatClassifier classifier;
    private final FloatTargetTrainable trainable;
    private final double[] row;
    private final double[] targetRow;
    private float[] x;
    private float[] targets;
    private float[] out;
    private float[] kept;

    Floats(FloatNetwork net, OptimizerState state) {
      super(state, net.layerSizes(), Precision.FLOAT, net.loss(), net instanceof FloatClassifier,
          net instanceof FloatTargetTrainable, "FloatClassifier nor FloatTargetTrainable");
      this.net = net;
      this.classifier = net instanceof FloatClassifier c ? c : null;
      this.trainable = net instanceof FloatTargetTrainable t ? t : null;
      this.row = new double[inputs];
      this.targetRow = new double[outputs];
    }

    @Override
    void allocate(int batchSize, boolean withLabels, boolean withTargets, boolean withOutputs) {
      x = new float[batchSize * inputs];
      labels = withLabels ? new int[batchSize] : null;
      targets = withTargets ? new float[batchSize * outputs] : null;
      out = withOutputs ? new float[batchSize * outputs] : null;
    }

    @Override
    void copyFeatures(DataSet data, int r, int slot) {
      data.copyFeatures(r, row, 0);
      int base = slot * inputs;
      for (int k = 0; k < inputs; k++) {
        x[base + k] = (float) row[k];
      }
    }

    @Override
    void setTarget(int index, double value) {
      targets[index] = (float) value;
    }

    @Override
    void copyTargets(DataSet data, int r, int slot) {
      data.copyTargets(r, targetRow, 0);
      int base = slot * outputs;
      for (int k = 0; k < outputs; k++) {
        targets[base + k] = (float) targetRow[k];
      }
    }

    @Override
    double step(int size) {
      return targets == null ? classifier.trainStep(x, labels, size, state) : trainable.trainStep(x, targets, size, state);
    }

    @Override
    double loss(int size) {
      return targets == null ? classifier.loss(x, labels, size) : trainable.loss(x, targets, size);
    }

    @Override
    void predict(int size) {
      net.predict(x, out, size);
    }

    @Override
    double output(int index) {
      return out[index];
    }

    @Override
    void keepParameters() {
      if (kept == null) {
        kept = new float[net.parameterCount()];
      }
      net.getParameters(kept);
    }

    @Override
    void restoreParameters() {
      net.setParameters(kept);
    }
  }
}
