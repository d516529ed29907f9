package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A load-tolerant check of the W1 and W2 training ratios for a shared machine, next to JMH (not
 * instead of it): the four contenders of a workload run in one JVM, in interleaved rounds, and
 * each round is timed by the thread's CPU time, which other processes on the machine inflate far
 * less than they inflate wall-clock time. It prints the median nanoseconds per training step of
 * each and the ratios {@code generated / HandWrittenBaseline} (both on {@link ReferenceData},
 * learning rate 0.1) and {@code generated / HandWrittenMlp} (both on {@link SamplePool}, learning
 * rate 1e-3), the same pairs as the JMH benchmarks.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.neurogen.benchmarks.InterleavedCpuTime W1 15
 * java -cp benchmarks/target/benchmarks.jar dev.neurogen.benchmarks.InterleavedCpuTime W2 15
 * </pre>
 *
 * <p>Caveats: one JVM compiles all four, so its JIT decisions can differ from JMH's one fork per
 * benchmark (HandWrittenMlp on W1 has measured 280 and 326 ns per step in two such runs), and the
 * caches are still shared with whatever else runs. Five warm-up rounds are not timed.
 */
public final class InterleavedCpuTime {
  private static final String[] NAMES = {
    "generated (reference data)", "HandWrittenBaseline", "generated (pool)", "HandWrittenMlp"
  };

  private InterleavedCpuTime() {}

  /** {@code args}: {@code W1} or {@code W2}, then the number of timed rounds (default 15). */
  public static void main(String[] args) {
    if (args.length < 1 || !(args[0].equals("W1") || args[0].equals("W2"))) {
      throw new IllegalArgumentException("usage: InterleavedCpuTime W1|W2 [rounds], got " + Arrays.toString(args));
    }
    boolean tiny = args[0].equals("W1");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int[] sizes = tiny ? new int[] {4, 8, 3} : new int[] {64, 32, 10};
    int batch = tiny ? 1 : 16;
    int steps = tiny ? 200_000 : 5_000;
    Classifier generated = tiny ? new TinyNetImpl(SamplePool.WEIGHT_SEED) : new DigitsNetImpl(SamplePool.WEIGHT_SEED);
    Classifier generatedOnPool = tiny ? new TinyNetImpl(SamplePool.WEIGHT_SEED) : new DigitsNetImpl(SamplePool.WEIGHT_SEED);
    double[] parameters = new double[generated.parameterCount()];
    generated.getParameters(parameters);
    HandWrittenBaseline baseline = new HandWrittenBaseline(sizes);
    baseline.setParameters(parameters);
    HandWrittenMlp handWritten = new HandWrittenMlp(sizes, SamplePool.WEIGHT_SEED);
    handWritten.setParameters(parameters);
    // each contender its own cursor over its own copy of the data
    ReferenceData forGenerated = tiny ? ReferenceData.uniform(150, 4, 3, 1, SamplePool.DATA_SEED) : ReferenceData.digits(16);
    ReferenceData forBaseline = tiny ? ReferenceData.uniform(150, 4, 3, 1, SamplePool.DATA_SEED) : ReferenceData.digits(16);
    SamplePool poolForGenerated = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, SamplePool.DATA_SEED);
    SamplePool poolForHandWritten = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, SamplePool.DATA_SEED);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] nanos = new double[4][rounds];
    double sink = 0;
    for (int round = -5; round < rounds; round++) {
      for (int c = 0; c < 4; c++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
          switch (c) {
            case 0: {
              int b = forGenerated.nextBatch();
              sink += generated.trainStep(forGenerated.batchInputs(b), forGenerated.batchLabels(b), batch, ReferenceData.LEARNING_RATE);
              break;
            }
            case 1: {
              int b = forBaseline.nextBatch();
              baseline.trainStep(forBaseline.rows(), forBaseline.labels(), b * batch, batch, ReferenceData.LEARNING_RATE);
              break;
            }
            case 2: {
              int b = poolForGenerated.nextBatch();
              sink += generatedOnPool.trainStep(poolForGenerated.batchInputs(b), poolForGenerated.batchLabels(b), batch, SamplePool.LEARNING_RATE);
              break;
            }
            default: {
              int b = poolForHandWritten.nextBatch();
              sink += handWritten.trainStep(poolForHandWritten.batchInputs(b), poolForHandWritten.batchLabels(b), batch, SamplePool.LEARNING_RATE);
              break;
            }
          }
        }
        if (round >= 0) {
          nanos[c][round] = (threads.getCurrentThreadCpuTime() - start) / (double) steps;
        }
      }
    }
    double[] median = new double[4];
    for (int c = 0; c < 4; c++) {
      double[] sorted = nanos[c].clone();
      Arrays.sort(sorted);
      median[c] = sorted[sorted.length / 2];
      System.out.printf("%s %-27s median %10.1f ns/step (min %.1f, max %.1f)%n",
          args[0], NAMES[c], median[c], sorted[0], sorted[sorted.length - 1]);
    }
    System.out.printf("%s generated / HandWrittenBaseline %.2fx, generated / HandWrittenMlp %.2fx"
        + " (median CPU time per step, %d rounds of %d steps)%n",
        args[0], median[1] / median[0], median[3] / median[2], rounds, steps);
    if (Double.isNaN(sink)) {
      System.out.println("(a loss was NaN)");
    }
  }
}
