package dev.neurogen.vector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.FloatNetwork;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.vector.nets.FloatVectorNets_BceImpl;
import dev.neurogen.vector.nets.FloatVectorNets_BcePortableImpl;
import dev.neurogen.vector.nets.PortableTwins_DigitsImpl;
import dev.neurogen.vector.nets.PortableTwins_SigmoidCeImpl;
import dev.neurogen.vector.nets.VectorNets_DigitsImpl;
import dev.neurogen.vector.nets.VectorNets_SigmoidCeImpl;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Batch prediction of {@code codeStyle = VECTOR_API} networks computes the sigmoid on whole vectors
 * with the Vector API's {@code EXP}: a loop over {@code Math.exp} per lane while interpreted, the
 * SVML routines of the JDK (within 1 ulp of {@code Math.exp}) once C2 has compiled it. These tests
 * check the batch outputs against the portable twin's single-sample {@code predict} (scalar {@code
 * Math.exp}) at every stage of compilation: before, during and after 20,000 warm-up calls. The
 * weights are large (uniform in [-3, 3]) so that the pre-activations reach +-30 and both
 * saturations of the sigmoid are covered; the batch of 39 rows runs a block of 32 (tiles of 8 or 4
 * samples, depending on the vector width) and a tail of 7.
 *
 * <p>Tolerance: 1e-12 of the magnitude for double, as for every Vector API result (the fused
 * multiply-adds alone differ by more than the exp: measured worst 2e-16 for the sigmoid itself);
 * 1e-5 for float, as in {@link FloatVectorApiTest}.
 */
class VectorPredictionTest {
  private static final int ROWS = 39;
  private static final int WARM_UP_CALLS = 20_000;
  private static final int[] CHECKPOINTS = {0, 1, 200, 2_000, 10_000, WARM_UP_CALLS - 1};

  @Test
  void sigmoidSoftmaxAgreesWithMathExpThroughCompilation() {
    check(new VectorNets_SigmoidCeImpl(1L), new PortableTwins_SigmoidCeImpl(1L), 11L);
  }

  @Test
  void digitsAgreesWithMathExpThroughCompilation() {
    check(new VectorNets_DigitsImpl(1L), new PortableTwins_DigitsImpl(1L), 12L);
  }

  @Test
  void floatSigmoidAgreesWithTheFloatPortableThroughCompilation() {
    FloatNetwork vector = new FloatVectorNets_BceImpl(1L);
    FloatNetwork portable = new FloatVectorNets_BcePortableImpl(1L);
    SplittableRandom random = new SplittableRandom(13L);
    double[] parameters = random.doubles(vector.parameterCount(), -3, 3).toArray();
    vector.setParameters(parameters);
    portable.setParameters(parameters);
    int in = vector.inputSize();
    int out = vector.outputSize();
    float[] inputs = new float[ROWS * in];
    for (int k = 0; k < inputs.length; k++) {
      inputs[k] = (float) random.nextDouble(-1, 1);
    }
    double[] expected = new double[ROWS * out];
    float[] input = new float[in];
    float[] output = new float[out];
    for (int s = 0; s < ROWS; s++) {
      System.arraycopy(inputs, s * in, input, 0, in);
      portable.predict(input, output);
      for (int k = 0; k < out; k++) {
        expected[s * out + k] = output[k];
      }
    }
    float[] outputs = new float[ROWS * out];
    double[] actual = new double[outputs.length];
    int next = 0;
    for (int call = 0; call < WARM_UP_CALLS; call++) {
      vector.predict(inputs, outputs, ROWS);
      if (call == CHECKPOINTS[next]) {
        for (int k = 0; k < outputs.length; k++) {
          actual[k] = outputs[k];
        }
        assertClose(expected, actual, 1e-5, "float, call " + call);
        next++;
      }
    }
  }

  private static void check(NeuralNetwork vector, NeuralNetwork portable, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] parameters = random.doubles(vector.parameterCount(), -3, 3).toArray();
    vector.setParameters(parameters);
    portable.setParameters(parameters);
    int in = vector.inputSize();
    int out = vector.outputSize();
    double[] inputs = random.doubles(ROWS * in, -1, 1).toArray();
    double[] expected = new double[ROWS * out];
    double[] input = new double[in];
    double[] output = new double[out];
    for (int s = 0; s < ROWS; s++) {
      System.arraycopy(inputs, s * in, input, 0, in);
      portable.predict(input, output);
      System.arraycopy(output, 0, expected, s * out, out);
    }
    double[] outputs = new double[ROWS * out];
    int next = 0;
    for (int call = 0; call < WARM_UP_CALLS; call++) {
      vector.predict(inputs, outputs, ROWS);
      if (call == CHECKPOINTS[next]) {
        assertClose(expected, outputs, 1e-12, vector.getClass().getSimpleName() + ", call " + call);
        next++;
      }
    }
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
    for (int k = 0; k < expected.length; k++) {
      double scale = Math.max(Math.abs(expected[k]), Math.abs(actual[k]));
      assertTrue(Math.abs(expected[k] - actual[k]) <= tolerance * scale + 1e-15,
          what + ", output " + k + ": portable single-sample " + expected[k] + ", vector batch " + actual[k]);
    }
  }
}
