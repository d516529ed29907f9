package dev.neurogen.benchmarks;

import dev.neurogen.ArgumentChecks;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the finiteness check of the inputs costs on workload W3 (784-128-64-10, batch 32): the
 * check alone ({@link ArgumentChecks#requireFiniteRows}, as the generated {@code trainStep} and
 * {@code predict} call it) against the whole generated training step and {@code predict} that
 * include it, and against a plain {@code Double.isFinite} loop for comparison. Average time per
 * call in nanoseconds; the check's share is {@code check / step}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FinitenessCheckBenchmark {
  private static final int[] SIZES = {784, 128, 64, 10};
  private static final int BATCH = 32;

  private MnistNetImpl net;
  private SamplePool pool;
  private double[] output;

  @Setup
  public void setUp() {
    net = new MnistNetImpl(SamplePool.WEIGHT_SEED);
    pool = new SamplePool(SIZES[0], SIZES[3], BATCH, SamplePool.DATA_SEED);
    output = new double[SIZES[3]];
  }

  /** The check of one training batch: 32 x 784 values. */
  @Benchmark
  public double[] checkBatch() {
    double[] inputs = pool.batchInputs(pool.nextBatch());
    ArgumentChecks.requireFiniteRows("inputs", inputs, BATCH, SIZES[0]);
    return inputs;
  }

  /** The check of one predict row: 784 values. */
  @Benchmark
  public double[] checkRow() {
    double[] input = pool.nextSingle();
    ArgumentChecks.requireFiniteRows("input", input, 1, SIZES[0]);
    return input;
  }

  /** The obvious alternative: a branch per value. */
  @Benchmark
  public boolean isFiniteLoopBatch() {
    double[] inputs = pool.batchInputs(pool.nextBatch());
    for (int k = 0; k < BATCH * SIZES[0]; k++) {
      if (!Double.isFinite(inputs[k])) {
        return false;
      }
    }
    return true;
  }

  /** The check of one batch that is already in the cache (the same array every call). */
  @Benchmark
  public double[] checkCachedBatch() {
    double[] inputs = pool.batchInputs(0);
    ArgumentChecks.requireFiniteRows("inputs", inputs, BATCH, SIZES[0]);
    return inputs;
  }

  /** The branch-per-value loop on the same cached batch. */
  @Benchmark
  public boolean isFiniteLoopCachedBatch() {
    double[] inputs = pool.batchInputs(0);
    for (int k = 0; k < BATCH * SIZES[0]; k++) {
      if (!Double.isFinite(inputs[k])) {
        return false;
      }
    }
    return true;
  }

  /** A whole generated training step (checks included). */
  @Benchmark
  public double trainStep() {
    int b = pool.nextBatch();
    return net.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, SamplePool.LEARNING_RATE);
  }

  /** A whole generated predict (checks included). */
  @Benchmark
  public double[] predict() {
    net.predict(pool.nextSingle(), output);
    return output;
  }
}
