package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Batch prediction against single-sample prediction on W3 ({@link MnistNet}, 784-128-64-10), same
 * weights and data. Every score is in <b>samples per second</b>: the batch benchmarks count {@value
 * #BATCH} operations per call ({@code @OperationsPerInvocation}), so the ratio of a {@code *Batch}
 * score to the matching {@code *Single} score is the speed-up per sample. The batch runs the block
 * kernels (each weight read once per block of 32 samples); the single-sample {@code predict} runs
 * the one-sample kernels.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BatchPrediction -t 1 -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector") // for the VECTOR_API network
public class BatchPredictionBenchmark {
  /** Samples per batch prediction call. */
  static final int BATCH = 32;

  private Classifier portable;
  private Classifier vector;
  private SamplePool pool;
  private double[] outputs;
  private double[] output;
  private int[] labels;

  @Setup(Level.Trial)
  public void setUp() {
    portable = new MnistNetImpl(SamplePool.WEIGHT_SEED);
    vector = new MnistVectorNetImpl(SamplePool.WEIGHT_SEED);
    double[] parameters = new double[portable.parameterCount()];
    portable.getParameters(parameters);
    vector.setParameters(parameters);
    pool = new SamplePool(portable.inputSize(), portable.outputSize(), BATCH, SamplePool.DATA_SEED);
    outputs = new double[BATCH * portable.outputSize()];
    output = new double[portable.outputSize()];
    labels = new int[BATCH];
  }

  @Benchmark
  public double[] predictSingle() {
    portable.predict(pool.nextSingle(), output);
    return output;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] predictBatch() {
    portable.predict(pool.batchInputs(pool.nextBatch()), outputs, BATCH);
    return outputs;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int[] classifyBatch() {
    portable.classify(pool.batchInputs(pool.nextBatch()), labels, BATCH);
    return labels;
  }

  @Benchmark
  public double[] predictSingleVector() {
    vector.predict(pool.nextSingle(), output);
    return output;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] predictBatchVector() {
    vector.predict(pool.batchInputs(pool.nextBatch()), outputs, BATCH);
    return outputs;
  }
}
