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
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark compares like with like only if the hand-written reference computes the same
 * numbers as the generated code. The reference is first checked against independent truths (a
 * closed-form case and central finite differences), then the generated networks of the three
 * workloads are checked against it from identical parameters and data. Both must also allocate
 * nothing per training step and per predict, which the benchmark's B/op column can only suggest.
 */
class HandWrittenMlpTest {
  /** Agreement required between the two implementations: only summation order differs. */
  private static final double TOLERANCE = 1e-12;

  static Stream<Arguments> workloads() {
    LongFunction<Classifier> tiny = TinyNetImpl::new;
    LongFunction<Classifier> digits = DigitsNetImpl::new;
    LongFunction<Classifier> mnist = MnistNetImpl::new;
    // The workload's own batch size, and an odd one that leaves a partial block of samples.
    return Stream.of(
        Arguments.of("W1", new int[] {4, 8, 3}, tiny, 1),
        Arguments.of("W1", new int[] {4, 8, 3}, tiny, 7),
        Arguments.of("W2", new int[] {64, 32, 10}, digits, 16),
        Arguments.of("W2", new int[] {64, 32, 10}, digits, 7),
        Arguments.of("W3", new int[] {784, 128, 64, 10}, mnist, 32),
        Arguments.of("W3", new int[] {784, 128, 64, 10}, mnist, 7));
  }

  @Test
  void zeroWeightsGiveUniformSoftmaxAndClosedFormGradient() {
    // One layer, all parameters zero: p = (1/2, 1/2), loss = ln 2, dL/db = p - y,
    // dL/dW = (p - y) x^T.
    HandWrittenMlp net = new HandWrittenMlp(new int[] {3, 2}, 1L);
    net.setParameters(new double[net.parameterCount()]);
    double[] x = {1.0, -2.0, 0.5};
    int[] label = {1};
    double[] gradient = new double[net.parameterCount()];

    double loss = net.lossAndGradient(x, label, 1, gradient);

    assertEquals(Math.log(2.0), loss, 1e-15);
    double[] expected = {
      0.5, -1.0, 0.25, // W[0][*] = (0.5 - 0) * x
      -0.5, 1.0, -0.25, // W[1][*] = (0.5 - 1) * x
      0.5, -0.5 // b
    };
    assertArrayEquals(expected, gradient, 1e-15);
    double[] output = new double[2];
    net.predict(x, output);
    assertArrayEquals(new double[] {0.5, 0.5}, output, 1e-15);
  }

  @ParameterizedTest(name = "{0} batch {3}")
  @MethodSource("workloads")
  void handWrittenGradientMatchesFiniteDifferences(
      String name, int[] sizes, LongFunction<Classifier> factory, int batch) {
    HandWrittenMlp net = new HandWrittenMlp(sizes, 3L);
    net.setParameters(randomParameters(sizes, 11L));
    int samples = Math.min(batch, 8); // enough to test the sum over a batch, and fast on W3
    SamplePool pool = new SamplePool(sizes[0], sizes[sizes.length - 1], samples, 5L);
    double[] x = pool.batchInputs(0);
    int[] y = pool.batchLabels(0);

    // A seeded sample of 300 parameters: all of W1, and enough of W2 and W3 to catch a wrong term.
    GradientCheck.Result result =
        GradientCheck.check(net, g -> net.lossAndGradient(x, y, samples, g), 300, 13L);

    assertTrue(result.maxRelativeError() < 1e-6, name + ": " + result);
  }

  @ParameterizedTest(name = "{0} batch {3}")
  @MethodSource("workloads")
  void generatedAndHandWrittenComputeTheSameNumbers(
      String name, int[] sizes, LongFunction<Classifier> factory, int batch) {
    Classifier generated = factory.apply(1L);
    HandWrittenMlp handWritten = new HandWrittenMlp(sizes, 2L);
    double[] parameters = randomParameters(sizes, 17L);
    generated.setParameters(parameters);
    handWritten.setParameters(parameters);
    SamplePool pool = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, 19L);
    double[] x = pool.batchInputs(1);
    int[] y = pool.batchLabels(1);
    int count = parameters.length;

    assertClose(name + " loss", handWritten.loss(x, y, batch), generated.loss(x, y, batch));

    double[] expectedGradient = new double[count];
    double[] actualGradient = new double[count];
    assertClose(
        name + " lossAndGradient",
        handWritten.lossAndGradient(x, y, batch, expectedGradient),
        generated.lossAndGradient(x, y, batch, actualGradient));
    // Round-off of a sum over the batch is relative to the size of its terms, not of the sum.
    double[] termSize = new double[count];
    double[] sampleGradient = new double[count];
    for (int s = 0; s < batch; s++) {
      double[] xs = Arrays.copyOfRange(x, s * sizes[0], (s + 1) * sizes[0]);
      handWritten.lossAndGradient(xs, new int[] {y[s]}, 1, sampleGradient);
      for (int k = 0; k < count; k++) {
        termSize[k] += Math.abs(sampleGradient[k]) / batch;
      }
    }
    assertVectorsClose(name + " gradient", expectedGradient, actualGradient, termSize);

    // A large rate so that the step moves every parameter well beyond round-off.
    double rate = 0.5;
    assertClose(
        name + " trainStep loss",
        handWritten.trainStep(x, y, batch, rate),
        generated.trainStep(x, y, batch, rate));
    double[] expectedParameters = new double[count];
    double[] actualParameters = new double[count];
    handWritten.getParameters(expectedParameters);
    generated.getParameters(actualParameters);
    double[] parameterSize = new double[count];
    for (int k = 0; k < count; k++) {
      parameterSize[k] = Math.abs(parameters[k]) + rate * termSize[k];
    }
    assertVectorsClose(
        name + " parameters after trainStep", expectedParameters, actualParameters, parameterSize);
    double moved = 0;
    for (int k = 0; k < count; k++) {
      moved = Math.max(moved, Math.abs(expectedParameters[k] - parameters[k]));
    }
    assertTrue(moved > 1e-6, name + ": trainStep did not move the parameters");

    int outputs = sizes[sizes.length - 1];
    double[] expectedOutput = new double[outputs];
    double[] actualOutput = new double[outputs];
    for (int s = 0; s < 5; s++) {
      double[] input = pool.nextSingle();
      handWritten.predict(input, expectedOutput);
      generated.predict(input, actualOutput);
      assertVectorsClose(
          name + " predict sample " + s, expectedOutput, actualOutput, new double[outputs]);
    }
  }

  @ParameterizedTest(name = "{0} batch {3}")
  @MethodSource("workloads")
  void trainingAndPredictionAllocateNothing(
      String name, int[] sizes, LongFunction<Classifier> factory, int batch) {
    // The benchmark's B/op column comes from JMH's GC profiler, which counts every thread of the
    // forked JVM; this counts only the calling thread, so zero means zero.
    Classifier generated = factory.apply(1L);
    HandWrittenMlp handWritten = new HandWrittenMlp(sizes, 1L);
    SamplePool pool = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, 1L);
    double[] output = new double[sizes[sizes.length - 1]];
    int steps = sizes[0] > 100 ? 3 : 100; // W3 runs in the interpreter at first: keep it short
    // The least over several rounds: the JVM itself sometimes allocates a little on this thread
    // (lazy linking, deoptimisation), but code that allocates per call does so in every round.
    long generatedBytes = Long.MAX_VALUE;
    long handWrittenBytes = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      generatedBytes = Math.min(generatedBytes, allocatedBytes(() -> {
        for (int step = 0; step < steps; step++) {
          int b = pool.nextBatch();
          generated.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, 1e-3);
          generated.predict(pool.nextSingle(), output);
        }
      }));
      handWrittenBytes = Math.min(handWrittenBytes, allocatedBytes(() -> {
        for (int step = 0; step < steps; step++) {
          int b = pool.nextBatch();
          handWritten.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, 1e-3);
          handWritten.predict(pool.nextSingle(), output);
        }
      }));
    }
    assertEquals(0L, generatedBytes, name + " generated: bytes allocated in " + steps + " steps");
    assertEquals(0L, handWrittenBytes, name + " hand-written: bytes allocated in " + steps + " steps");
  }

  private static long allocatedBytes(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    work.run();
    return threads.getThreadAllocatedBytes(thread) - before;
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

  private static void assertClose(String what, double expected, double actual) {
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    assertTrue(
        Math.abs(expected - actual) <= TOLERANCE * scale,
        what + ": expected " + expected + " but was " + actual);
  }

  /**
   * Element-wise relative agreement, where the denominator is at least {@code size[k]}: the
   * magnitude of the terms that were summed into element k (the two implementations add them in
   * different orders, which is all the difference they are allowed).
   */
  private static void assertVectorsClose(
      String what, double[] expected, double[] actual, double[] size) {
    for (int k = 0; k < expected.length; k++) {
      double scale = Math.max(Math.max(Math.abs(expected[k]), Math.abs(actual[k])), size[k]);
      double error = Math.abs(expected[k] - actual[k]) / scale;
      assertTrue(
          error <= TOLERANCE,
          what + "[" + k + "]: expected " + expected[k] + " but was " + actual[k]
              + " (relative error " + error + ")");
    }
  }
}
