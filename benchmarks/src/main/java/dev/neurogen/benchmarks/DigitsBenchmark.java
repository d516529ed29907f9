package dev.neurogen.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload W2 (64-32-10, batch 16):
 * {@link DigitsNet} against {@link HandWrittenMlp}, same weights and data. One op of a
 * {@code train*} benchmark is one SGD step on one batch of {@code batch} samples (report.py
 * multiplies by {@code batch} to get samples/s); one op of a {@code predict*} benchmark is one
 * {@code predict} of a single sample.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector") // for the VECTOR_API network
public class DigitsBenchmark {
  static final int[] SIZES = {64, 32, 10};

  /** Samples per training step; a parameter so that report.py can read it from the JSON. */
  @Param("16")
  public int batch;

  private DigitsNetImpl generated;
  private HandWrittenMlp handWritten;
  private DigitsVectorNetImpl vector;
  private SamplePool pool;
  private final double[] output = new double[SIZES[SIZES.length - 1]];
  private double[] parameters;

  @Setup(Level.Trial)
  public void setUp() {
    generated = new DigitsNetImpl(SamplePool.WEIGHT_SEED);
    handWritten = new HandWrittenMlp(SIZES, SamplePool.WEIGHT_SEED);
    parameters = new double[generated.parameterCount()];
    generated.getParameters(parameters);
    handWritten.setParameters(parameters);
    vector = new DigitsVectorNetImpl(SamplePool.WEIGHT_SEED);
    vector.setParameters(parameters);
    pool = new SamplePool(SIZES[0], SIZES[SIZES.length - 1], batch, SamplePool.DATA_SEED);
  }

  @TearDown(Level.Trial)
  public void checkFinite() {
    SamplePool.requireFiniteParameters("generated", generated, parameters);
    SamplePool.requireFiniteParameters("hand-written", handWritten, parameters);
    SamplePool.requireFiniteParameters("vector", vector, parameters);
  }

  @Benchmark
  public double trainGenerated() {
    int b = pool.nextBatch();
    return generated.trainStep(
        pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public double trainHandWritten() {
    int b = pool.nextBatch();
    return handWritten.trainStep(
        pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public double trainGeneratedVector() {
    int b = pool.nextBatch();
    return vector.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public double[] predictGeneratedVector() {
    vector.predict(pool.nextSingle(), output);
    return output;
  }

  @Benchmark
  public double[] predictGenerated() {
    generated.predict(pool.nextSingle(), output);
    return output;
  }

  @Benchmark
  public double[] predictHandWritten() {
    handWritten.predict(pool.nextSingle(), output);
    return output;
  }
}
