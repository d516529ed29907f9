package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.WeightInit;
import dev.neurogen.functional.nets.GradientNets_MixedLoopedAndUnrolledHingeImpl;
import dev.neurogen.functional.nets.GradientNets_MixedUnrolledCeImpl;
import dev.neurogen.functional.nets.GradientNets_ReluMseReluImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Initialisation of generated networks: the default picks each layer's rule from that layer's own
 * activation (checked against draws written out from the documentation), and {@code
 * initialize(seed, rule)} applies one rule everywhere, seeded, with zero biases, on unrolled and
 * looped storage alike.
 */
class WeightInitGeneratedTest {

  @Test
  void theDefaultFollowsEachLayersActivation() {
    // 4-6-5-4-5-6-3 with RELU, TANH, SIGMOID, LEAKY_RELU, IDENTITY, then SOFTMAX: He, Glorot,
    // Glorot, He, Glorot, Glorot uniform
    assertDefaultDraws(new GradientNets_MixedUnrolledCeImpl(21L), 21L, true, false, false, true, false, false);
    // 20-40-30-6-3, SIGMOID, RELU, TANH, IDENTITY: looped and unrolled storage
    assertDefaultDraws(new GradientNets_MixedLoopedAndUnrolledHingeImpl(22L), 22L, false, true, false, false);
  }

  private static void assertDefaultDraws(NeuralNetwork network, long seed, boolean... he) {
    ParameterLayout layout = ParameterLayout.of(network.layerSizes());
    double[] expected = new double[layout.parameterCount()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 1; l <= layout.layerCount(); l++) {
      int fanIn = layout.size(l - 1);
      int fanOut = layout.size(l);
      double limit = he[l - 1] ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
      for (int k = 0; k < fanIn * fanOut; k++) {
        expected[layout.weightOffset(l) + k] = random.nextDouble(-limit, limit);
      }
    }
    assertArrayEquals(expected, parameters(network));
  }

  @Test
  void oneRuleEverywhereIsSeededWithZeroBiases() {
    for (NeuralNetwork network : new NeuralNetwork[] {new GradientNets_MixedUnrolledCeImpl(1L), new MediumNets_DigitsImpl(1L)}) {
      ParameterLayout layout = ParameterLayout.of(network.layerSizes());
      for (WeightInit init : WeightInit.values()) {
        network.initialize(5L, init);
        double[] first = parameters(network);
        network.initialize(6L, WeightInit.GLOROT_UNIFORM);
        network.initialize(5L, init);
        assertArrayEquals(first, parameters(network), init + ": same seed, same weights");
        network.initialize(7L, init);
        assertFalse(Arrays.equals(first, parameters(network)), init + ": another seed, other weights");
        for (int l = 1; l <= layout.layerCount(); l++) {
          for (int i = 0; i < layout.size(l); i++) {
            assertEquals(0.0, first[layout.biasOffset(l) + i], init + " b" + l);
          }
        }
        if (!init.isNormal()) {
          for (int l = 1; l <= layout.layerCount(); l++) {
            double limit = init.uniformLimit(layout.size(l - 1), layout.size(l));
            for (int k = layout.weightOffset(l); k < layout.biasOffset(l); k++) {
              assertEquals(0.0, first[k], limit, init + " W" + l + " within its limit");
            }
          }
        }
      }
    }
  }

  @Test
  void heUniformEverywhereIsTheDefaultOfAReluNetwork() {
    NeuralNetwork network = new GradientNets_ReluMseReluImpl(31L);
    double[] byDefault = parameters(network);
    network.initialize(31L, WeightInit.HE_UNIFORM);
    assertArrayEquals(byDefault, parameters(network));
  }

  @Test
  void aMissingRuleIsNamed() {
    NeuralNetwork network = new MediumNets_DigitsImpl(1L);
    NullPointerException e = assertThrows(NullPointerException.class, () -> network.initialize(1L, null));
    assertEquals("init must not be null: choose a WeightInit, e.g. WeightInit.HE_NORMAL", e.getMessage());
  }

  private static double[] parameters(NeuralNetwork network) {
    double[] p = new double[network.parameterCount()];
    network.getParameters(p);
    return p;
  }
}
