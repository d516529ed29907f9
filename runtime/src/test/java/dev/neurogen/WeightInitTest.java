package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The initialisation rules: sample statistics of a large layer against the documented formulas,
 * with tolerances derived from the sample size; determinism per seed; zero biases; and the default
 * rule drawing exactly the weights it always drew.
 */
class WeightInitTest {
  /** A layer of 600 x 800 = 480,000 weights, then a small second layer. */
  private static final ParameterLayout LAYOUT = ParameterLayout.of(800, 600, 10);
  private static final int FAN_IN = 800;
  private static final int FAN_OUT = 600;
  private static final int N = FAN_IN * FAN_OUT;
  /** Tolerances are this many standard errors: a fixed seed makes the test deterministic anyway. */
  private static final double Z = 5.0;

  /** The standard deviations written out from the Javadoc's formulas, independently of the enum. */
  private static double documentedStd(WeightInit init) {
    switch (init) {
      case GLOROT_UNIFORM:
        return Math.sqrt(6.0 / (FAN_IN + FAN_OUT)) / Math.sqrt(3.0);
      case GLOROT_NORMAL:
        return Math.sqrt(2.0 / (FAN_IN + FAN_OUT));
      case HE_UNIFORM:
        return Math.sqrt(6.0 / FAN_IN) / Math.sqrt(3.0);
      case HE_NORMAL:
        return Math.sqrt(2.0 / FAN_IN);
      case LECUN_NORMAL:
        return Math.sqrt(1.0 / FAN_IN);
      default:
        throw new AssertionError(init);
    }
  }

  @ParameterizedTest
  @EnumSource(WeightInit.class)
  void sampleMeanAndStandardDeviationMatchTheFormula(WeightInit init) {
    double[] p = draw(init, 12345L);
    double std = documentedStd(init);
    assertEquals(std, init.standardDeviation(FAN_IN, FAN_OUT), 1e-15 * std);
    double mean = 0;
    for (int k = 0; k < N; k++) {
      mean += p[k];
    }
    mean /= N;
    double variance = 0;
    for (int k = 0; k < N; k++) {
      variance += (p[k] - mean) * (p[k] - mean);
    }
    double sampleStd = Math.sqrt(variance / (N - 1));
    // standard error of the mean: std / sqrt(n); of the sample std: std * sqrt((kurtosis - 1) / (4n)),
    // kurtosis 3 for the normal, 9/5 for the uniform distribution
    double kurtosis = init.isNormal() ? 3.0 : 1.8;
    assertEquals(0.0, mean, Z * std / Math.sqrt(N), init + " mean");
    assertEquals(std, sampleStd, Z * std * Math.sqrt((kurtosis - 1) / (4.0 * N)), init + " standard deviation");
  }

  @ParameterizedTest
  @EnumSource(WeightInit.class)
  void theShapeIsUniformOrAnUntruncatedNormal(WeightInit init) {
    double[] p = draw(init, 99L);
    double std = documentedStd(init);
    int withinOneStd = 0;
    int beyondTwoStd = 0;
    double largest = 0;
    for (int k = 0; k < N; k++) {
      double z = Math.abs(p[k]) / std;
      withinOneStd += z <= 1 ? 1 : 0;
      beyondTwoStd += z > 2 ? 1 : 0;
      largest = Math.max(largest, Math.abs(p[k]));
    }
    // P(|w| <= std): 0.6827 for the normal, 1/sqrt(3) for the uniform; P(|w| > 2 std): 0.0455, 0
    double pWithin = init.isNormal() ? 0.682689492137 : 1 / Math.sqrt(3.0);
    double pBeyond = init.isNormal() ? 0.045500263896 : 0.0;
    assertEquals(pWithin, (double) withinOneStd / N, Z * Math.sqrt(pWithin * (1 - pWithin) / N), init + " within 1 std");
    assertEquals(pBeyond, (double) beyondTwoStd / N, Z * Math.sqrt(pBeyond * (1 - pBeyond) / N) + 1e-12,
        init + " beyond 2 std");
    if (init.isNormal()) {
      // not truncated (at 2 std, like Keras's truncated normal): 480,000 draws reach beyond 4 std
      assertTrue(largest > 4 * std, init + " largest |w| / std = " + largest / std);
      assertTrue(Double.isNaN(init.uniformLimit(FAN_IN, FAN_OUT)));
    } else {
      double limit = init.uniformLimit(FAN_IN, FAN_OUT);
      assertEquals(std * Math.sqrt(3.0), limit, 1e-15);
      assertTrue(largest < limit, init + " stays inside (-limit, limit)");
      assertTrue(largest > limit * (1 - 1e-4), init + " reaches the limit");
    }
  }

  @ParameterizedTest
  @EnumSource(WeightInit.class)
  void biasesAreZeroAndTheSecondLayerUsesItsOwnFans(WeightInit init) {
    double[] p = new double[LAYOUT.parameterCount()];
    Arrays.fill(p, 7.0);
    WeightInitializer.initialize(p, LAYOUT, init, 5L);
    for (int l = 1; l <= LAYOUT.layerCount(); l++) {
      for (int i = 0; i < LAYOUT.size(l); i++) {
        assertEquals(0.0, p[LAYOUT.biasOffset(l) + i], "b" + l + "[" + i + "]");
      }
    }
    if (!init.isNormal()) {
      double limit2 = init.uniformLimit(600, 10);
      for (int k = LAYOUT.weightOffset(2); k < LAYOUT.biasOffset(2); k++) {
        assertTrue(Math.abs(p[k]) < limit2, "W2 inside its own limit");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WeightInit.class)
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers(WeightInit init) {
    assertArrayEquals(draw(init, 3L), draw(init, 3L));
    assertFalse(Arrays.equals(draw(init, 3L), draw(init, 4L)));
  }

  @Test
  void theDefaultRuleDrawsExactlyTheWeightsItAlwaysDrew() {
    // written out from the documented default: one SplittableRandom(seed), flat order, He uniform
    // for the ReLU family, Glorot uniform otherwise
    ParameterLayout layout = ParameterLayout.of(3, 5, 4, 2);
    List<Activation> activations = List.of(Activation.RELU, Activation.TANH, Activation.SOFTMAX);
    double[] expected = new double[layout.parameterCount()];
    SplittableRandom random = new SplittableRandom(42L);
    for (int l = 1; l <= 3; l++) {
      int fanIn = layout.size(l - 1);
      int fanOut = layout.size(l);
      double limit = l == 1 ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
      for (int k = 0; k < fanIn * fanOut; k++) {
        expected[layout.weightOffset(l) + k] = random.nextDouble(-limit, limit);
      }
    }
    double[] actual = new double[layout.parameterCount()];
    WeightInitializer.initialize(actual, layout, activations, 42L);
    assertArrayEquals(expected, actual);
  }

  @Test
  void oneActivationForEveryHiddenLayerIsTheListWithItRepeated() {
    ParameterLayout layout = ParameterLayout.of(3, 5, 4, 2);
    double[] uniform = new double[layout.parameterCount()];
    double[] list = new double[layout.parameterCount()];
    WeightInitializer.initialize(uniform, layout, Activation.LEAKY_RELU, Activation.SIGMOID, 8L);
    WeightInitializer.initialize(list, layout, List.of(Activation.LEAKY_RELU, Activation.LEAKY_RELU, Activation.SIGMOID), 8L);
    assertArrayEquals(uniform, list);
  }

  @Test
  void heUniformEverywhereIsTheDefaultOfAReluNetwork() {
    ParameterLayout layout = ParameterLayout.of(6, 9, 4);
    double[] byDefault = new double[layout.parameterCount()];
    double[] byRule = new double[layout.parameterCount()];
    WeightInitializer.initialize(byDefault, layout, List.of(Activation.RELU, Activation.LEAKY_RELU), 17L);
    WeightInitializer.initialize(byRule, layout, WeightInit.HE_UNIFORM, 17L);
    assertArrayEquals(byDefault, byRule);
  }

  @Test
  void defaultsFollowTheActivation() {
    assertEquals(WeightInit.HE_UNIFORM, WeightInit.defaultFor(Activation.RELU));
    assertEquals(WeightInit.HE_UNIFORM, WeightInit.defaultFor(Activation.LEAKY_RELU));
    for (Activation a : List.of(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY, Activation.SOFTMAX)) {
      assertEquals(WeightInit.GLOROT_UNIFORM, WeightInit.defaultFor(a), a.toString());
    }
  }

  @Test
  void wrongArgumentsAreNamed() {
    ParameterLayout layout = ParameterLayout.of(3, 2);
    NullPointerException noRule = assertThrows(NullPointerException.class,
        () -> WeightInitializer.initialize(new double[8], layout, (WeightInit) null, 1L));
    assertTrue(noRule.getMessage().contains("init"), noRule.getMessage());
    IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
        () -> WeightInitializer.initialize(new double[8], layout, List.of(Activation.RELU, Activation.RELU), 1L));
    assertTrue(wrongCount.getMessage().contains("one per layer"), wrongCount.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> WeightInitializer.initialize(new double[7], layout, WeightInit.HE_NORMAL, 1L));
  }

  private static double[] draw(WeightInit init, long seed) {
    double[] p = new double[LAYOUT.parameterCount()];
    WeightInitializer.initialize(p, LAYOUT, init, seed);
    return Arrays.copyOf(p, N);
  }
}
