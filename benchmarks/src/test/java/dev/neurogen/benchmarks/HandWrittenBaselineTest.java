package dev.neurogen.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.GradientCheck;
import dev.neurogen.ParameterLayout;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The port of the shared {@code HandWrittenBaseline} is a fair second reference only if it computes
 * the same SGD step as the generated networks. Its step is first checked against central finite
 * differences of the mean cross-entropy (computed from its own {@code predict}), then against the
 * generated network of each workload from identical parameters on the workload's reference data,
 * step after step, to 1e-12. The data given to the two must be the same values: that is checked
 * too, as is that the port allocates nothing per step.
 */
class HandWrittenBaselineTest {
  /** Agreement required between the two implementations: only summation order differs. */
  private static final double TOLERANCE = 1e-12;

  static Stream<Arguments> workloads() {
    LongFunction<Classifier> tiny = TinyNetImpl::new;
    LongFunction<Classifier> digits = DigitsNetImpl::new;
    LongFunction<Classifier> mnist = MnistNetImpl::new;
    IntFunction<ReferenceData> tinyData = b -> ReferenceData.uniform(150, 4, 3, b, SamplePool.DATA_SEED);
    IntFunction<ReferenceData> digitsData = ReferenceData::digits;
    // W3's real data is 10,000 images that may not be installed; uniform rows keep the test small
    IntFunction<ReferenceData> mnistData = b -> ReferenceData.uniform(4 * b, 784, 10, b, 23L);
    // the workload's own batch size, and an odd one
    return Stream.of(
        Arguments.of("W1", new int[] {4, 8, 3}, tiny, tinyData, 1),
        Arguments.of("W1", new int[] {4, 8, 3}, tiny, tinyData, 7),
        Arguments.of("W2", new int[] {64, 32, 10}, digits, digitsData, 16),
        Arguments.of("W2", new int[] {64, 32, 10}, digits, digitsData, 7),
        Arguments.of("W3", new int[] {784, 128, 64, 10}, mnist, mnistData, 32),
        Arguments.of("W3", new int[] {784, 128, 64, 10}, mnist, mnistData, 5));
  }

  @ParameterizedTest(name = "{0} batch {4}")
  @MethodSource("workloads")
  void baselineStepMatchesFiniteDifferences(
      String name, int[] sizes, LongFunction<Classifier> factory, IntFunction<ReferenceData> data,
      int batch) {
    int samples = Math.min(batch, 4); // enough to test the sum over a batch, and fast on W3
    ReferenceData reference = data.apply(samples);
    int off = samples; // the second batch
    HandWrittenBaseline net = new HandWrittenBaseline(sizes);
    double[] parameters = randomParameters(sizes, 11L);
    int count = parameters.length;

    // p1 = p0 - rate * mean gradient, so the step with rate 1 gives the gradient
    net.setParameters(parameters);
    net.trainStep(reference.rows(), reference.labels(), off, samples, 1.0);
    double[] after = new double[count];
    net.getParameters(after);

    SplittableRandom pick = new SplittableRandom(13L);
    double[] out = new double[sizes[sizes.length - 1]];
    int checked = Math.min(count, 300);
    for (int c = 0; c < checked; c++) {
      int k = count <= 300 ? c : pick.nextInt(count);
      double analytic = parameters[k] - after[k];
      double h = GradientCheck.DEFAULT_STEP * Math.max(1.0, Math.abs(parameters[k]));
      double original = parameters[k];
      parameters[k] = original + h;
      double plus = meanCrossEntropy(net, parameters, reference, off, samples, out);
      parameters[k] = original - h;
      double minus = meanCrossEntropy(net, parameters, reference, off, samples, out);
      parameters[k] = original;
      double error = GradientCheck.relativeError(analytic, (plus - minus) / (2 * h));
      assertTrue(error < 1e-6, name + " parameter " + k + ": step " + analytic + ", finite difference "
          + (plus - minus) / (2 * h));
    }
  }

  @ParameterizedTest(name = "{0} batch {4}")
  @MethodSource("workloads")
  void generatedAndBaselineComputeTheSameStep(
      String name, int[] sizes, LongFunction<Classifier> factory, IntFunction<ReferenceData> data,
      int batch) {
    ReferenceData reference = data.apply(batch);
    Classifier generated = factory.apply(1L);
    generated.setParameters(randomParameters(sizes, 17L));
    HandWrittenBaseline baseline = new HandWrittenBaseline(sizes);
    int count = generated.parameterCount();
    double[] before = new double[count];
    double[] expected = new double[count];
    double[] actual = new double[count];
    double[] gradient = new double[count];
    double[] termSize = new double[count];
    int steps = Math.min(3, reference.batchCount());
    for (int step = 0; step < steps; step++) {
      // each step from the same parameters: the generated network's, copied into the baseline
      generated.getParameters(before);
      baseline.setParameters(before);
      int b = reference.nextBatch();
      double[] x = reference.batchInputs(b);
      int[] y = reference.batchLabels(b);
      for (int s = 0; s < batch; s++) {
        assertArrayEquals(reference.rows()[b * batch + s], Arrays.copyOfRange(x, s * sizes[0], (s + 1) * sizes[0]),
            name + ": batch " + b + " sample " + s + " differs from its row");
        assertEquals(reference.labels()[b * batch + s], y[s]);
      }
      // round-off of a sum over the batch is relative to the size of its terms, not of the sum
      Arrays.fill(termSize, 0.0);
      for (int s = 0; s < batch; s++) {
        generated.lossAndGradient(reference.rows()[b * batch + s], new int[] {y[s]}, 1, gradient);
        for (int k = 0; k < count; k++) {
          termSize[k] += Math.abs(gradient[k]) / batch;
        }
      }
      double rate = step == steps - 1 ? 0.5 : ReferenceData.LEARNING_RATE;

      baseline.trainStep(reference.rows(), reference.labels(), b * batch, batch, rate);
      generated.trainStep(x, y, batch, rate);

      baseline.getParameters(expected);
      generated.getParameters(actual);
      double moved = 0;
      for (int k = 0; k < count; k++) {
        double scale = Math.max(Math.max(Math.abs(expected[k]), Math.abs(actual[k])),
            Math.abs(before[k]) + rate * termSize[k]);
        double error = Math.abs(expected[k] - actual[k]) / scale;
        assertTrue(error <= TOLERANCE, name + " step " + step + " parameter " + k + ": baseline "
            + expected[k] + ", generated " + actual[k] + " (relative error " + error + ")");
        moved = Math.max(moved, Math.abs(expected[k] - before[k]));
      }
      assertTrue(moved > 1e-6, name + ": the step did not move the parameters");
    }

    int outputs = sizes[sizes.length - 1];
    double[] expectedOutput = new double[outputs];
    double[] actualOutput = new double[outputs];
    for (int s = 0; s < 5; s++) {
      double[] row = reference.nextRow();
      baseline.predict(row, expectedOutput);
      generated.predict(row, actualOutput);
      for (int k = 0; k < outputs; k++) {
        assertEquals(expectedOutput[k], actualOutput[k], TOLERANCE, name + " predict " + s + " output " + k);
      }
    }
  }

  @Test
  void digitsAreTheSharedDataSet() {
    ReferenceData digits = ReferenceData.digits(16);
    assertEquals(1797, digits.rows().length);
    assertEquals(112, digits.batchCount()); // the last 5 samples are left out of the batches
    // the first row of digits.csv.gz: 0,0,5,13,9,1,0,0,... label 0
    assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(digits.rows()[0], 8));
    assertEquals(0, digits.labels()[0]);
    assertEquals(1, digits.labels()[1]);
    assertTrue(Arrays.stream(digits.rows()).flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0 && v <= 16));
  }

  @Test
  void baselineAllocatesNothingPerStep() {
    int[] sizes = {64, 32, 10};
    ReferenceData reference = ReferenceData.digits(16);
    HandWrittenBaseline baseline = new HandWrittenBaseline(sizes);
    baseline.setParameters(randomParameters(sizes, 3L));
    double[] output = new double[10];
    long bytes = Long.MAX_VALUE;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    // the least over several rounds: the JVM itself sometimes allocates on this thread
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(thread);
      for (int step = 0; step < 100; step++) {
        int b = reference.nextBatch();
        baseline.trainStep(reference.rows(), reference.labels(), b * 16, 16, ReferenceData.LEARNING_RATE);
        baseline.predict(reference.nextRow(), output);
      }
      bytes = Math.min(bytes, threads.getThreadAllocatedBytes(thread) - before);
    }
    assertEquals(0L, bytes, "bytes allocated in 100 steps");
  }

  /** Mean of -log p_label over samples [off, off + n), with the given parameters. */
  private static double meanCrossEntropy(
      HandWrittenBaseline net, double[] parameters, ReferenceData data, int off, int n, double[] out) {
    net.setParameters(parameters);
    double loss = 0;
    for (int s = off; s < off + n; s++) {
      net.predict(data.rows()[s], out);
      loss -= Math.log(out[data.labels()[s]]);
    }
    return loss / n;
  }

  /** Uniform weights and nonzero biases, so that every parameter's update is exercised. */
  private static double[] randomParameters(int[] sizes, long seed) {
    ParameterLayout layout = ParameterLayout.of(sizes);
    double[] parameters = new double[layout.parameterCount()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 1; l < sizes.length; l++) {
      double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l - 1]));
      for (int k = layout.weightOffset(l); k < layout.biasOffset(l) + sizes[l]; k++) {
        parameters[k] = random.nextDouble(-limit, limit);
      }
    }
    return parameters;
  }
}
