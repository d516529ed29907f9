package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.nets.GradientNets_LoopedTanhBceImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The public contract: the flat parameter layout (checked by an independent forward pass written
 * from the conventions), shapes, seeding, and clear errors for wrong calls.
 */
class ApiContractTest {

  @Test
  void predictFollowsTheFlatLayoutForUnrolledAndLoopedLayers() {
    for (NeuralNetwork net : new NeuralNetwork[] {new TutorialNets_Tutorial1Impl(1L), new MediumNets_DigitsImpl(1L)}) {
      double[] parameters = random(net.parameterCount(), 9L);
      net.setParameters(parameters);
      double[] input = random(net.inputSize(), 10L);
      double[] output = new double[net.outputSize()];
      net.predict(input, output);
      double[] expected = sigmoidHiddenSoftmaxForward(net.layerSizes(), parameters, input);
      for (int k = 0; k < output.length; k++) {
        assertEquals(expected[k], output[k], 1e-12 * Math.abs(expected[k]) + 1e-15, net.getClass().getSimpleName() + " output " + k);
      }
      assertEquals(argMax(expected), ((Classifier) net).classify(input));
    }
  }

  @Test
  void trainStepIsSgdOnTheBatchGradientAndKeepsInternalCopiesInStep() {
    // 64-32-10: both layers looped; layer 2 keeps a row mirror for backpropagation
    MediumNets_DigitsImpl net = new MediumNets_DigitsImpl(1L);
    Batches data = new Batches(net, 7, 4L);
    double[] before = parameters(net);
    double[] gradient = new double[net.parameterCount()];
    net.lossAndGradient(data.inputs, data.labels, 7, gradient);
    double rate = 0.3;
    net.trainStep(data.inputs, data.labels, 7, rate);
    double[] after = parameters(net);
    for (int k = 0; k < after.length; k++) {
      assertEquals(before[k] - rate * gradient[k], after[k], 1e-15 * Math.max(1, Math.abs(after[k])), "parameter " + k);
    }
    // the trained instance must compute exactly what a fresh one given the same parameters does
    MediumNets_DigitsImpl fresh = new MediumNets_DigitsImpl(99L);
    fresh.setParameters(after);
    double[] trainedGradient = new double[net.parameterCount()];
    double[] freshGradient = new double[net.parameterCount()];
    double trainedLoss = net.lossAndGradient(data.inputs, data.labels, 7, trainedGradient);
    double freshLoss = fresh.lossAndGradient(data.inputs, data.labels, 7, freshGradient);
    assertEquals(freshLoss, trainedLoss);
    assertArrayEquals(freshGradient, trainedGradient);
  }

  @Test
  void singleSampleTrainingOfUnrolledNetworksIsTheSameSgdStep() {
    // batches of one take a shortcut that updates the weights in place; it must be the same step
    for (TargetForm form : TargetForm.values()) {
      TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(2L);
      Batches data = new Batches(net, 1, 6L);
      double[] before = parameters(net);
      double[] gradient = new double[net.parameterCount()];
      double expectedLoss = data.lossAndGradient(net, form, gradient, null);
      assertEquals(expectedLoss, data.trainStep(net, form, 0.7), form.toString());
      double[] after = parameters(net);
      for (int k = 0; k < after.length; k++) {
        assertEquals(before[k] - 0.7 * gradient[k], after[k], 1e-15 * Math.max(1, Math.abs(after[k])), form + " parameter " + k);
      }
    }
  }

  @Test
  void parametersRoundTripAndShapesAreReported() {
    NeuralNetwork net = new MediumNets_DigitsImpl(1L);
    assertArrayEquals(new int[] {64, 32, 10}, net.layerSizes());
    assertEquals(64, net.inputSize());
    assertEquals(10, net.outputSize());
    assertEquals(64 * 32 + 32 + 32 * 10 + 10, net.parameterCount());
    assertEquals(ParameterLayout.of(64, 32, 10).parameterCount(), MediumNets_DigitsImpl.PARAMETERS);
    double[] parameters = random(net.parameterCount(), 3L);
    net.setParameters(parameters);
    double[] back = new double[net.parameterCount()];
    net.getParameters(back);
    assertArrayEquals(parameters, back);
    net.layerSizes()[0] = 99; // a copy: the network must not change
    assertEquals(64, net.layerSizes()[0]);
  }

  @Test
  void sameSeedSameWeightsOtherSeedOtherWeights() {
    double[] a = parameters(new MediumNets_DigitsImpl(5L));
    double[] b = parameters(new MediumNets_DigitsImpl(5L));
    double[] c = parameters(new MediumNets_DigitsImpl(6L));
    assertArrayEquals(a, b);
    assertNotEquals(a[0], c[0]);
    // Glorot uniform bound for W1 (64 -> 32, sigmoid), zero biases
    ParameterLayout layout = ParameterLayout.of(64, 32, 10);
    double bound = Math.sqrt(6.0 / (64 + 32));
    for (int k = 0; k < 64 * 32; k++) {
      assertTrue(Math.abs(a[k]) <= bound, "W1 weight " + k + " = " + a[k]);
    }
    assertEquals(0.0, a[layout.biasOffset(1)]);
  }

  @Test
  void wrongCallsFailWithMessagesThatNameTheArgument() {
    Classifier net = new TutorialNets_Tutorial1Impl(1L);
    double[] inputs = new double[3 * 2];
    int[] labels = {0, 2};
    double[] gradient = new double[net.parameterCount()];
    assertMessage("inputs has length 6 but needs at least 9",
        () -> net.lossAndGradient(inputs, new int[] {0, 1, 2}, 3, gradient));
    assertMessage("labels[1] = 3 is not a class index in [0, 3)",
        () -> net.trainStep(inputs, new int[] {0, 3}, 2, 0.1));
    assertMessage("batchSize must be at least 1, got 0", () -> net.loss(inputs, labels, 0));
    assertMessage("gradient has length 3 but must have exactly " + net.parameterCount(),
        () -> net.lossAndGradient(inputs, labels, 2, new double[3]));
    assertMessage("inputGradient has length 1 but needs at least 6",
        () -> net.lossAndGradient(inputs, labels, 2, gradient, new double[1]));
    assertMessage("output has length 2 but must have exactly 3", () -> net.predict(new double[3], new double[2]));
    assertMessage("learningRate must be finite", () -> net.trainStep(inputs, labels, 2, Double.NaN));
    double[] poisoned = new double[net.parameterCount()];
    poisoned[5] = Double.NaN;
    assertMessage("source[5] = NaN is not finite", () -> net.setParameters(poisoned));
    TargetTrainable rows = new GradientNets_LoopedTanhBceImpl(1L);
    assertMessage("targets has length 4 but needs at least 8",
        () -> rows.loss(new double[2 * 24], new double[4], 2));
    // binary cross-entropy targets are probabilities
    assertMessage("targets[5] = 1.5 is not a number in [0.0, 1.0]",
        () -> rows.loss(new double[2 * 24], new double[] {0, 1, 0.5, 0, 1, 1.5, 0, 0}, 2));
    TargetTrainable squaredError = new dev.neurogen.functional.nets.TutorialNets_Tutorial3Impl(1L);
    assertMessage("targets[0] = NaN is not a finite number",
        () -> squaredError.trainStep(new double[2], new double[] {Double.NaN}, 1, 0.1));
  }

  @Test
  void crossEntropyStaysFiniteForHugeLogits() {
    TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(1L);
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    ParameterLayout layout = ParameterLayout.of(net.layerSizes());
    parameters[layout.biasOffset(3)] = 800; // exp(800) overflows a double
    parameters[layout.biasOffset(3) + 1] = -800;
    net.setParameters(parameters);
    double[] inputs = {0.1, 0.2, 0.3};
    double loss = net.loss(inputs, new int[] {1}, 1);
    assertEquals(1600, loss, 2.0, "-log p_1 is about a_0 - a_1");
    double[] gradient = new double[net.parameterCount()];
    assertTrue(Double.isFinite(net.lossAndGradient(inputs, new int[] {1}, 1, gradient)));
    for (double g : gradient) {
      assertTrue(Double.isFinite(g));
    }
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
  }

  /** The conventions written out directly: a_l = W_l z + b_l with W_l row-major in the flat array. */
  private static double[] sigmoidHiddenSoftmaxForward(int[] sizes, double[] p, double[] x) {
    ParameterLayout layout = ParameterLayout.of(sizes);
    double[] z = x;
    for (int l = 1; l < sizes.length; l++) {
      double[] a = new double[sizes[l]];
      for (int i = 0; i < sizes[l]; i++) {
        a[i] = p[layout.biasOffset(l) + i];
        for (int j = 0; j < sizes[l - 1]; j++) {
          a[i] += p[layout.weightOffset(l) + i * sizes[l - 1] + j] * z[j];
        }
      }
      if (l < sizes.length - 1) {
        for (int i = 0; i < a.length; i++) {
          a[i] = 1 / (1 + Math.exp(-a[i]));
        }
      } else {
        double max = java.util.Arrays.stream(a).max().orElseThrow();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          a[i] = Math.exp(a[i] - max);
          sum += a[i];
        }
        for (int i = 0; i < a.length; i++) {
          a[i] /= sum;
        }
      }
      z = a;
    }
    return z;
  }

  private static int argMax(double[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }

  private static double[] parameters(NeuralNetwork net) {
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  private static double[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      values[k] = random.nextDouble(-1, 1);
    }
    return values;
  }
}
