package dev.neurogen.spark;

import dev.neurogen.Classifier;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.ParameterStorage;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer's view of a {@code dev.neurogen.optim} optimizer: built from the estimator's Params
 * (name and learning rate) on the driver and on executors, applied to flat parameter arrays
 * (through {@link ParameterStorage#flat}) or handed to a network's own {@code trainStep}, with its
 * state movable as plain arrays ({@link Moments}) so it can be broadcast, averaged and shipped.
 */
final class FlatOptimizer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The optimizer names the {@code optimizer} Param accepts. */
  static final String[] NAMES = {"sgd", "adam", "adamw", "rmsprop"};

  private final String name;
  private final double learningRate;
  private final int[] layerSizes;
  private transient OptimizerState state;
  private transient ParameterStorage storage;
  private transient double[][] parameterSegments;
  private transient double[][] gradientSegments;

  FlatOptimizer(String name, double learningRate, int[] layerSizes) {
    optimizer(name, learningRate); // checks
    this.name = name;
    this.learningRate = learningRate;
    this.layerSizes = layerSizes.clone();
  }

  /** The optimizer configuration for a name and learning rate (library defaults otherwise). */
  static Optimizer optimizer(String name, double learningRate) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd":
        return Sgd.of(learningRate);
      case "adam":
        return Adam.of(learningRate);
      case "adamw":
        return AdamW.of(learningRate);
      case "rmsprop":
        return RmsProp.of(learningRate);
      default:
        throw new IllegalArgumentException(
            "optimizer is '" + name + "'; use one of " + String.join(", ", NAMES));
    }
  }

  /** The state, created on first use (it is not serialised; {@link Moments} carry it). */
  OptimizerState state() {
    if (state == null) {
      state = optimizer(name, learningRate).newState();
    }
    return state;
  }

  /**
   * One optimizer step on flat parameters with the gradient {@code scale * gradient}; updates
   * {@code parameters} in place, consumes {@code gradient}.
   */
  void step(double[] parameters, double[] gradient, double scale) {
    if (storage == null) {
      storage = ParameterStorage.flat(layerSizes);
      parameterSegments = storage.newSegments();
      gradientSegments = storage.newSegments();
    }
    storage.fromFlat(parameters, parameterSegments);
    storage.fromFlat(gradient, gradientSegments);
    state().step(parameterSegments, gradientSegments, storage, scale);
    storage.toFlat(parameterSegments, parameters);
  }

  /** One local step of a network on its own arrays (the generated in-place trainStep). */
  double trainStep(Classifier network, double[] inputs, int[] labels, int rows) {
    return network.trainStep(inputs, labels, rows, state());
  }

  /** Steps taken. */
  long steps() {
    return state().steps();
  }

  /** A copy of the state as plain arrays in the flat layout. */
  Moments moments() {
    OptimizerSnapshot snapshot = state().snapshot();
    List<String> names = snapshot.bufferNames();
    double[][] buffers = new double[names.size()][];
    for (int b = 0; b < buffers.length; b++) {
      buffers[b] = snapshot.buffer(names.get(b));
    }
    return new Moments(snapshot.steps(), names.toArray(new String[0]), buffers);
  }

  /** Replaces the state with {@code moments}. */
  void restore(Moments moments) {
    Map<String, double[]> buffers = new LinkedHashMap<>();
    for (int b = 0; b < moments.names.length; b++) {
      buffers.put(moments.names[b], moments.buffers[b]);
    }
    state().restore(OptimizerSnapshot.of(state().optimizer().name(), moments.steps, buffers));
  }

  /** A fresh optimizer with the same settings and no state. */
  FlatOptimizer fresh() {
    return new FlatOptimizer(name, learningRate, layerSizes);
  }

  /** An optimizer state as plain, serialisable arrays: steps and named buffers (flat layout). */
  static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    final long steps;
    final String[] names;
    final double[][] buffers;

    Moments(long steps, String[] names, double[][] buffers) {
      this.steps = steps;
      this.names = names;
      this.buffers = buffers;
    }
  }
}
