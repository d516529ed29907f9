package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightInitializerTest {

  @Test
  void glorotForSigmoidHeForReluZeroBiasesAndSeeded() {
    ParameterLayout layout = ParameterLayout.of(100, 50, 10);
    double[] relu = new double[layout.parameterCount()];
    WeightInitializer.initialize(relu, layout, Activation.RELU, Activation.SOFTMAX, 1L);
    // He uniform for W1 (fan-in 100): bound sqrt(6/100), variance bound^2 / 3 = 2 / 100
    assertStatistics(relu, 0, 100 * 50, Math.sqrt(6.0 / 100));
    // Glorot uniform for W2 (softmax output, 50 -> 10): bound sqrt(6/60)
    assertStatistics(relu, layout.weightOffset(2), 50 * 10, Math.sqrt(6.0 / 60));
    for (int i = 0; i < 50; i++) {
      assertEquals(0.0, relu[layout.biasOffset(1) + i]);
    }
    double[] again = new double[layout.parameterCount()];
    WeightInitializer.initialize(again, layout, Activation.RELU, Activation.SOFTMAX, 1L);
    assertArrayEquals(relu, again);
  }

  /** All values within the bound, and the sample variance near bound^2 / 3 (uniform). */
  private static void assertStatistics(double[] p, int from, int count, double bound) {
    double sum = 0;
    double squares = 0;
    for (int k = from; k < from + count; k++) {
      assertTrue(Math.abs(p[k]) <= bound);
      sum += p[k];
      squares += p[k] * p[k];
    }
    double variance = squares / count - (sum / count) * (sum / count);
    double expected = bound * bound / 3;
    assertEquals(expected, variance, expected * 0.15, "variance of " + count + " weights");
  }
}
