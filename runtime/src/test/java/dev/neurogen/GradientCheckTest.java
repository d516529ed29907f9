package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The checker against a quadratic "network" whose gradient is known in closed form: it accepts
 * the right gradient, finds a planted error, and restores the parameters.
 */
class GradientCheckTest {

  /** L(p) = sum_k c_k p_k^2 / 2 + p_0 p_1, shaped as a {2, 2} network (6 parameters). */
  private static final class Quadratic implements NeuralNetwork {
    final double[] p = {0.5, -1.0, 2.0, 0.25, -0.75, 1.5};
    final double[] c = {1, 2, 3, 4, 5, 6};
    int plantedErrorAt = -1;

    double lossAndGradient(double[] gradient) {
      double loss = p[0] * p[1];
      for (int k = 0; k < p.length; k++) {
        loss += c[k] * p[k] * p[k] / 2;
        gradient[k] = c[k] * p[k];
      }
      gradient[0] += p[1];
      gradient[1] += p[0];
      if (plantedErrorAt >= 0) {
        gradient[plantedErrorAt] *= 1.001;
      }
      return loss;
    }

    @Override public int[] layerSizes() { return new int[] {2, 2}; }
    @Override public int inputSize() { return 2; }
    @Override public int outputSize() { return 2; }
    @Override public int parameterCount() { return 6; }
    @Override public Loss loss() { return Loss.MSE; }
    @Override public Activation activation(int layer) { return Activation.IDENTITY; }
    @Override public void predict(double[] input, double[] output) {}
    @Override public void getParameters(double[] destination) { System.arraycopy(p, 0, destination, 0, 6); }
    @Override public void setParameters(double[] source) { System.arraycopy(source, 0, p, 0, 6); }
    @Override public void initialize(long seed) {}
  }

  @Test
  void acceptsTheExactGradient() {
    Quadratic q = new Quadratic();
    GradientCheck.Result result = GradientCheck.check(q, q::lossAndGradient);
    assertEquals(6, result.checkedParameters());
    assertTrue(result.maxRelativeError() < 1e-9, result.toString());
  }

  @Test
  void findsAPlantedErrorAndNamesTheParameter() {
    Quadratic q = new Quadratic();
    double[] before = q.p.clone();
    q.plantedErrorAt = 4;
    GradientCheck.Result result = GradientCheck.check(q, q::lossAndGradient);
    assertEquals(4, result.worstIndex());
    assertEquals("b1[0]", result.worstParameter());
    assertEquals(1e-3, result.maxRelativeError(), 1e-5);
    assertArrayEquals(before, q.p);
  }

  @Test
  void sampledCheckVisitsTheRequestedNumberOfParameters() {
    Quadratic q = new Quadratic();
    GradientCheck.Result result = GradientCheck.check(q, q::lossAndGradient, 3, 1L);
    assertEquals(3, result.checkedParameters());
  }
}
