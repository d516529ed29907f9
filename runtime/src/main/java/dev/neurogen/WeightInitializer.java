package dev.neurogen;

import java.util.SplittableRandom;

/**
 * Seeded initial weights. Weights feeding a layer with ReLU or leaky ReLU activation are drawn
 * from He uniform {@code U(-sqrt(6 / fanIn), sqrt(6 / fanIn))}; all others from Glorot/Xavier
 * uniform {@code U(-sqrt(6 / (fanIn + fanOut)), +...)}. Biases start at zero. The draws come from
 * {@link SplittableRandom}, whose sequence for a given seed is fixed by its specification, so the
 * same seed gives the same weights on every JDK.
 */
public final class WeightInitializer {
  private WeightInitializer() {}

  /**
   * Fills {@code parameters} (flat layout of {@code layout}) for the given hidden and output
   * activations.
   */
  public static void initialize(
      double[] parameters, ParameterLayout layout, Activation hidden, Activation output, long seed) {
    if (parameters.length < layout.parameterCount()) {
      throw new IllegalArgumentException(
          "parameter array has length " + parameters.length + ", needs " + layout.parameterCount());
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 1; l <= layout.layerCount(); l++) {
      Activation activation = l == layout.layerCount() ? output : hidden;
      int fanIn = layout.size(l - 1);
      int fanOut = layout.size(l);
      double limit =
          activation.usesHeInitialisation()
              ? Math.sqrt(6.0 / fanIn)
              : Math.sqrt(6.0 / (fanIn + fanOut));
      int weights = layout.weightOffset(l);
      for (int k = 0; k < fanIn * fanOut; k++) {
        parameters[weights + k] = random.nextDouble(-limit, limit);
      }
      int biases = layout.biasOffset(l);
      for (int i = 0; i < fanOut; i++) {
        parameters[biases + i] = 0.0;
      }
    }
  }
}
