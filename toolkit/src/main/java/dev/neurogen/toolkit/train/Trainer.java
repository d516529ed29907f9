package dev.neurogen.toolkit.train;

import dev.neurogen.FloatNetwork;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.Precision;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.parallel.ParallelTrainer;
import dev.neurogen.toolkit.data.DataSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fit loop: epochs of seeded, shuffled mini-batches through the network's own in-place
 * {@code trainStep}, validation after each epoch, early stopping, listeners, and a {@link History}.
 * Generated networks train each mini-batch on {@link FitConfig#threads()} threads through a
 * {@code dev.neurogen.parallel.ParallelTrainer} (closed when {@code fit} returns); the result does
 * not depend on the number of threads.
 *
 * <p>After each epoch a classifier's training accuracy ({@link Metric#ACCURACY}, series {@code
 * "accuracy"}) is measured with the epoch's final parameters on the training rows, or on a fixed
 * seeded sample of {@link FitConfig#trainingAccuracyRows()} of them (default {@value
 * FitConfig#DEFAULT_TRAINING_ACCURACY_ROWS}; 0 turns it off), predicted in batches through the
 * loop's buffers. It is not a running average over the epoch's batches (Keras's figure), which the
 * in-place {@code trainStep} does not report; it costs one forward pass over those rows.
 *
 * <p>Data and network must agree: the data's feature count is the network's input size; labelled
 * data trains a {@link dev.neurogen.Classifier} on its labels, or a single-sigmoid-output network
 * on 0/1 targets (binary), or another {@link dev.neurogen.TargetTrainable} on one-hot rows; data
 * with target rows trains a {@code TargetTrainable} with as many outputs. Scale the features first
 * (see {@code Standardizer}): the loop trains on the values it is given.
 *
 * <p>Mini-batches are gathered through an index permutation into buffers allocated once per fit;
 * the batch loop allocates nothing (unless a listener overrides {@link FitListener#onBatchEnd}).
 * The network is trained in place; with early stopping and {@link EarlyStopping#restoreBest()} it
 * holds the best epoch's parameters when {@code fit} returns, whatever ended training.
 *
 * <p><b>Float networks</b> ({@code precision = Precision.FLOAT}: {@link dev.neurogen.FloatClassifier},
 * {@link dev.neurogen.FloatTargetTrainable}) train through the {@code fit(FloatNetwork, ...)}
 * forms with the same data sets, settings, history and rules: the double rows of the data are
 * rounded to float as they are gathered into float batch buffers (allocated once per fit), each
 * step is the network's float {@code trainStep} (its optimizer state binds as a float state), the
 * batch losses are widened to double for the history, and the best parameters are kept as floats.
 * The result is bit for bit that of the same loop of float {@code trainStep} calls written by hand.
 * Data-parallel training is double-only: a float network trains on the calling thread, {@code
 * threads(0)} means one thread and {@code threads(n)} with n &gt; 1 is an {@code
 * IllegalArgumentException}.
 */
public final class Trainer {
  /** Series name of the learning rate the next step will use, recorded after each epoch. */
  public static final String LEARNING_RATE = "lr";

  private Trainer() {}

  /**
   * Trains {@code net} on {@code train}, validating on {@code validation} (null or empty for none)
   * after each epoch.
   *
   * @throws IllegalArgumentException if the data does not fit the network, the training data is
   *     empty, or early stopping monitors a validation metric without validation data
   */
  public static History fit(NeuralNetwork net, DataSet train, DataSet validation, FitConfig config,
      FitListener... listeners) {
    Objects.requireNonNull(config, "config must not be null");
    return fit(net, train, validation, config, config.optimizer().newState(), listeners);
  }

  /**
   * Like {@link #fit(NeuralNetwork, DataSet, DataSet, FitConfig, FitListener...)} with a given
   * optimizer state, to resume training (for example after {@code state.restore(snapshot)} from a
   * model file) or to keep the state for saving. The state's optimizer must equal {@code
   * config.optimizer()}, and the state must belong to {@code net}.
   *
   * @throws IllegalArgumentException as the other form, or if the optimizers differ, or if the
   *     state is bound to a float network
   */
  public static History fit(NeuralNetwork net, DataSet train, DataSet validation, FitConfig config,
      OptimizerState state, FitListener... listeners) {
    checkArguments(net, train, config, state, listeners);
    FitLoop.Mode mode = checkData(FitNetwork.of(net, state, null), train, validation, config);
    ParallelTrainer parallel = FitNetwork.parallelTrainer(net, config, Math.min(config.batchSize(), train.size()));
    try {
      return fit(FitNetwork.of(net, state, parallel), train, validation, config, listeners, mode);
    } finally {
      if (parallel != null) {
        parallel.close();
      }
    }
  }

  /**
   * Trains a float network ({@code precision = Precision.FLOAT}) on {@code train}, validating on
   * {@code validation} (null or empty for none) after each epoch: the same loop, data, settings,
   * history and rules as for a double network, with the mini-batches rounded to float as they are
   * gathered into float buffers (allocated once per fit) and the float {@code trainStep}, whose
   * optimizer state binds as a float state. Data-parallel training is double-only: a float network
   * trains on the calling thread, {@code config.threads()} must be 0 (automatic: one) or 1.
   *
   * @throws IllegalArgumentException as the double form, or if {@code config.threads()} is more than 1
   */
  public static History fit(FloatNetwork net, DataSet train, DataSet validation, FitConfig config,
      FitListener... listeners) {
    Objects.requireNonNull(config, "config must not be null");
    return fit(net, train, validation, config, config.optimizer().newState(), listeners);
  }

  /**
   * Like {@link #fit(FloatNetwork, DataSet, DataSet, FitConfig, FitListener...)} with a given
   * optimizer state (unbound, or bound to {@code net} as a float state), to resume training or to
   * keep the state for saving; see {@link #fit(NeuralNetwork, DataSet, DataSet, FitConfig,
   * OptimizerState, FitListener...)}.
   *
   * @throws IllegalArgumentException as the other form, or if the optimizers differ, or if the
   *     state is bound to a double network
   */
  public static History fit(FloatNetwork net, DataSet train, DataSet validation, FitConfig config,
      OptimizerState state, FitListener... listeners) {
    checkArguments(net, train, config, state, listeners);
    FitNetwork network = FitNetwork.of(net, state);
    FitLoop.Mode mode = checkData(network, train, validation, config);
    FitNetwork.checkFloatThreads(net, config);
    return fit(network, train, validation, config, listeners, mode);
  }

  /** The checks of every form that need no network adapter. */
  private static void checkArguments(Object net, DataSet train, FitConfig config, OptimizerState state,
      FitListener[] listeners) {
    Objects.requireNonNull(state, "state must not be null");
    Objects.requireNonNull(config, "config must not be null");
    if (!state.optimizer().equals(config.optimizer())) {
      throw new IllegalArgumentException("state is of " + state.optimizer() + " but config.optimizer() is "
          + config.optimizer() + "; make the state with config.optimizer().newState()");
    }
    Objects.requireNonNull(net, "net must not be null");
    Objects.requireNonNull(train, "train must not be null");
    Objects.requireNonNull(listeners, "listeners must not be null");
    for (FitListener listener : listeners) {
      Objects.requireNonNull(listener, "listeners must not contain null");
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("train has no rows");
    }
  }

  /** Checks the data, the early-stopping rule and the state's precision against {@code net}; the mode. */
  private static FitLoop.Mode checkData(FitNetwork net, DataSet train, DataSet validation, FitConfig config) {
    Precision bound = net.state.precision();
    if (bound != null && bound != net.precision()) {
      throw new IllegalArgumentException("state is bound to a " + name(bound) + " network but net is a "
          + name(net.precision()) + " network; give it a state of its own, config.optimizer().newState()"
          + " (a float network and its double twin need a state each)");
    }
    FitLoop.Mode mode = FitLoop.modeOf(net, train);
    boolean validating = validation != null && validation.size() > 0;
    if (validating && FitLoop.modeOf(net, validation) != mode) {
      throw new IllegalArgumentException("validation must have labels if train has labels, and target rows if train has");
    }
    EarlyStopping rule = config.earlyStopping();
    if (rule != null && rule.metric().needsValidation() && !validating) {
      throw new IllegalArgumentException("early stopping monitors " + rule.metric().key()
          + " but there is no validation data; pass validation data or monitor Metric.LOSS");
    }
    if (rule != null && rule.metric() == Metric.VAL_ACCURACY && mode == FitLoop.Mode.TARGETS) {
      throw new IllegalArgumentException("val_accuracy needs labels; monitor Metric.VAL_LOSS for target rows");
    }
    if (rule != null && rule.metric() == Metric.ACCURACY
        && (mode == FitLoop.Mode.TARGETS || config.trainingAccuracyRows() == 0)) {
      throw new IllegalArgumentException("early stopping monitors accuracy, which is measured only for labelled data"
          + " with config.trainingAccuracyRows() > 0 (it is " + config.trainingAccuracyRows()
          + "); monitor Metric.LOSS or Metric.VAL_LOSS instead");
    }
    return mode;
  }

  private static String name(Precision precision) {
    return precision.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Builds the loop of a checked network and data, and runs the epochs. */
  private static History fit(FitNetwork net, DataSet train, DataSet validation, FitConfig config,
      FitListener[] listeners, FitLoop.Mode mode) {
    boolean validating = validation != null && validation.size() > 0;
    List<FitListener> batchListeners = new ArrayList<>();
    for (FitListener listener : listeners) {
      if (overridesBatchEnd(listener)) {
        batchListeners.add(listener);
      }
    }
    FitLoop loop = new FitLoop(net, train, validating ? validation : null, config,
        batchListeners.toArray(new FitListener[0]));
    return fit(train, validating ? validation.size() : 0, config, net.state, listeners, config.earlyStopping(),
        mode, loop);
  }

  /** The epochs, once everything is checked and set up. */
  private static History fit(DataSet train, int validationSize, FitConfig config,
      OptimizerState state, FitListener[] listeners, EarlyStopping rule, FitLoop.Mode mode, FitLoop loop) {
    boolean validating = validationSize > 0;

    for (FitListener listener : listeners) {
      listener.onTrainStart(new TrainStart(config.epochs(), loop.batchesPerEpoch(), train.size(),
          validationSize, config));
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    boolean keepBest = rule != null && rule.restoreBest();
    int bestEpoch = 0;
    double bestScore = Double.NaN;
    int sinceBest = 0;
    StopReason reason = StopReason.COMPLETED;
    int epoch = 0;
    while (epoch < config.epochs()) {
      epoch++;
      for (FitListener listener : listeners) {
        listener.onEpochStart(epoch);
      }
      long start = System.nanoTime();
      double loss = loop.trainEpoch(epoch);
      double stepSeconds = (System.nanoTime() - start) * 1e-9;
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(Metric.LOSS.key(), loss);
      if (loop.measuresTrainingAccuracy()) {
        metrics.put(Metric.ACCURACY.key(), loop.trainingAccuracy());
      }
      if (validating) {
        metrics.put(Metric.VAL_LOSS.key(), loop.validationLoss());
        if (mode != FitLoop.Mode.TARGETS) {
          metrics.put(Metric.VAL_ACCURACY.key(), loop.validationAccuracy());
        }
      }
      metrics.put(LEARNING_RATE, state.currentLearningRate());
      metrics.forEach((name, value) -> series.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
      boolean improved = false;
      if (rule != null) {
        double score = metrics.get(rule.metric().key());
        if (bestEpoch == 0 || rule.metric().improves(score, bestScore, rule.minDelta())) {
          improved = true;
          bestEpoch = epoch;
          bestScore = score;
          sinceBest = 0;
          if (keepBest) {
            loop.keepParameters();
          }
        } else {
          sinceBest++;
        }
      }
      double seconds = (System.nanoTime() - start) * 1e-9;
      EpochEnd event = new EpochEnd(epoch, config.epochs(), metrics, train.size() / stepSeconds, seconds, improved);
      boolean stop = false;
      for (FitListener listener : listeners) {
        stop |= listener.onEpochEnd(event) == FitListener.Decision.STOP;
      }
      if (rule != null && sinceBest >= rule.patience()) {
        reason = StopReason.EARLY_STOPPING;
        break;
      }
      if (stop) {
        reason = StopReason.LISTENER;
        break;
      }
    }
    boolean restored = false;
    if (keepBest && bestEpoch > 0) {
      if (bestEpoch != epoch) {
        loop.restoreParameters();
      }
      restored = true;
    }
    History history = new History(series, rule == null ? null : rule.metric(), rule == null ? epoch : bestEpoch,
        rule == null ? Double.NaN : bestScore, restored, reason, config.seed());
    for (FitListener listener : listeners) {
      listener.onTrainEnd(history);
    }
    return history;
  }

  /** True if the listener's class overrides {@code onBatchEnd} (then batch events are built). */
  static boolean overridesBatchEnd(FitListener listener) {
    try {
      return listener.getClass().getMethod("onBatchEnd", BatchEnd.class).getDeclaringClass() != FitListener.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
