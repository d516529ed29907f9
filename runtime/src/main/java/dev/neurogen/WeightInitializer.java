package dev.neurogen;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded initial weights in the flat layout, by the rules of {@link WeightInit}. By default
 * ({@link #initialize(double[], ParameterLayout, List, long)}) weights feeding a layer with ReLU or
 * leaky ReLU activation are drawn from He uniform {@code U(-sqrt(6 / fanIn), sqrt(6 / fanIn))}, all
 * others from Glorot/Xavier uniform {@code U(-sqrt(6 / (fanIn + fanOut)), +...)}. Biases start at
 * zero.
 *
 * <p>One {@link SplittableRandom}{@code (seed)} draws every weight in flat order ({@code W_1}
 * row-major, then {@code W_2}, ...): uniform weights with {@code nextDouble(-limit, limit)}, whose
 * sequence for a given seed is fixed by the class's specification, so the same seed gives the same
 * weights on every JDK; normal weights with {@code std * nextGaussian()} (the {@code
 * RandomGenerator} default algorithm, the same on every JDK 17+ so far, but not fixed by a
 * specification).
 */
public final class WeightInitializer {
  private WeightInitializer() {}

  /**
   * Fills {@code parameters} (flat layout of {@code layout}) for the given hidden and output
   * activations, each layer by the default rule of its activation ({@link WeightInit#defaultFor}).
   */
  public static void initialize(
      double[] parameters, ParameterLayout layout, Activation hidden, Activation output, long seed) {
    Activation[] activations = new Activation[layout.layerCount()];
    java.util.Arrays.fill(activations, hidden);
    activations[activations.length - 1] = output;
    initialize(parameters, layout, List.of(activations), seed);
  }

  /**
   * Fills {@code parameters} (flat layout of {@code layout}) layer by layer by the default rule of
   * each layer's activation ({@link WeightInit#defaultFor}); {@code activations.get(l - 1)} is
   * layer l's, the output layer's last.
   */
  public static void initialize(
      double[] parameters, ParameterLayout layout, List<Activation> activations, long seed) {
    if (activations.size() != layout.layerCount()) {
      throw new IllegalArgumentException(
          "activations has " + activations.size() + " values, needs one per layer: " + layout.layerCount());
    }
    WeightInit[] rules = new WeightInit[layout.layerCount()];
    for (int l = 1; l <= rules.length; l++) {
      rules[l - 1] = WeightInit.defaultFor(activations.get(l - 1));
    }
    fill(parameters, layout, rules, seed);
  }

  /** Fills {@code parameters} (flat layout of {@code layout}) by one rule for every layer. */
  public static void initialize(double[] parameters, ParameterLayout layout, WeightInit init, long seed) {
    if (init == null) {
      throw new NullPointerException("init must not be null: choose a WeightInit, e.g. WeightInit.HE_NORMAL");
    }
    WeightInit[] rules = new WeightInit[layout.layerCount()];
    java.util.Arrays.fill(rules, init);
    fill(parameters, layout, rules, seed);
  }

  private static void fill(double[] parameters, ParameterLayout layout, WeightInit[] rules, long seed) {
    if (parameters.length < layout.parameterCount()) {
      throw new IllegalArgumentException(
          "parameter array has length " + parameters.length + ", needs " + layout.parameterCount());
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 1; l <= layout.layerCount(); l++) {
      WeightInit rule = rules[l - 1];
      int fanIn = layout.size(l - 1);
      int fanOut = layout.size(l);
      int weights = layout.weightOffset(l);
      if (rule.isNormal()) {
        double std = rule.standardDeviation(fanIn, fanOut);
        for (int k = 0; k < fanIn * fanOut; k++) {
          parameters[weights + k] = std * random.nextGaussian();
        }
      } else {
        double limit = rule.uniformLimit(fanIn, fanOut);
        for (int k = 0; k < fanIn * fanOut; k++) {
          parameters[weights + k] = random.nextDouble(-limit, limit);
        }
      }
      int biases = layout.biasOffset(l);
      for (int i = 0; i < fanOut; i++) {
        parameters[biases + i] = 0.0;
      }
    }
  }
}
