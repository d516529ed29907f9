package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One workload: a generated network against {@link HandWrittenMlp}, same weights and data, and
 * against {@link HandWrittenBaseline} (the {@code *Baseline*} benchmarks), same weights and the
 * reference harness's data ({@link ReferenceData}, learning rate {@value
 * ReferenceData#LEARNING_RATE}). One op
 * of a {@code train*} benchmark is one SGD step on one batch of {@code batch} samples (report.py
 * multiplies by {@code batch} to get samples/s); one op of a {@code predict*} benchmark is one
 * {@code predict} of a single sample. Subclasses name the network, its sizes and the batch (a
 * JMH {@code @Param}, so that report.py can read it from the JSON). JMH runs each benchmark in its
 * own fork, so every call site here sees one network class and is inlined as if written for it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public abstract class WorkloadBenchmark {
  private Classifier generated;
  private HandWrittenMlp handWritten;
  private SamplePool pool;
  private double[] output;
  private double[] parameters;
  private int batch;
  private HandWrittenBaseline baseline;
  private ReferenceData referenceData;

  /** Layer sizes, input first. */
  abstract int[] sizes();

  /** Samples per training step (the subclass's {@code @Param batch}). */
  abstract int batchSize();

  /** The generated network under test, with seeded weights. */
  abstract Classifier newGenerated(long seed);

  /** The reference harness's data for this workload, cut into batches of {@code batchSize}. */
  abstract ReferenceData referenceData(int batchSize);

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    int[] sizes = sizes();
    batch = batchSize();
    generated = newGenerated(SamplePool.WEIGHT_SEED);
    handWritten = new HandWrittenMlp(sizes, SamplePool.WEIGHT_SEED);
    parameters = new double[generated.parameterCount()];
    generated.getParameters(parameters);
    handWritten.setParameters(parameters);
    output = new double[sizes[sizes.length - 1]];
    pool = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, SamplePool.DATA_SEED);
    if (params.getBenchmark().contains("Baseline")) {
      // only the benchmarks that use it pay for reading it (W3: 10,000 images, 2 x 63 MB)
      baseline = new HandWrittenBaseline(sizes);
      baseline.setParameters(parameters);
      referenceData = referenceData(batch);
      System.out.println("reference data: " + referenceData.description() + ", "
          + referenceData.batchCount() + " batches of " + batch);
    }
    setUpMore();
  }

  /**
   * Further set-up after this class's, for subclasses: JMH does not order {@code @Setup} methods
   * across a class hierarchy, so subclasses hook in here instead.
   */
  void setUpMore() {}

  /** Further end-of-trial checks, for subclasses (see {@link #setUpMore}). */
  void checkMoreFinite() {}

  @TearDown(Level.Trial)
  public void checkFinite() {
    SamplePool.requireFiniteParameters("generated", generated, parameters);
    SamplePool.requireFiniteParameters("hand-written", handWritten, parameters);
    if (baseline != null) {
      baseline.getParameters(parameters);
      for (int k = 0; k < parameters.length; k++) {
        if (!Double.isFinite(parameters[k])) {
          throw new IllegalStateException("baseline: parameter " + k + " became " + parameters[k]);
        }
      }
    }
    checkMoreFinite();
  }

  @Benchmark
  public double trainGenerated() {
    return train(generated);
  }

  @Benchmark
  public double trainHandWritten() {
    int b = pool.nextBatch();
    return handWritten.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public double[] predictGenerated() {
    return predict(generated);
  }

  @Benchmark
  public double[] predictHandWritten() {
    handWritten.predict(pool.nextSingle(), output);
    return output;
  }

  /**
   * The generated network's step on the reference data (same batches, same rate as {@link
   * #trainBaseline}).
   */
  @Benchmark
  public double trainGeneratedBaselineData() {
    int b = referenceData.nextBatch();
    return generated.trainStep(
        referenceData.batchInputs(b), referenceData.batchLabels(b), batch, ReferenceData.LEARNING_RATE);
  }

  /** {@link HandWrittenBaseline}'s step on the reference data. */
  @Benchmark
  public HandWrittenBaseline trainBaseline() {
    int b = referenceData.nextBatch();
    baseline.trainStep(referenceData.rows(), referenceData.labels(), b * batch, batch, ReferenceData.LEARNING_RATE);
    return baseline;
  }

  /** The generated network's {@code predict} of the next reference row. */
  @Benchmark
  public double[] predictGeneratedBaselineData() {
    generated.predict(referenceData.nextRow(), output);
    return output;
  }

  /** {@link HandWrittenBaseline}'s {@code predict} of the next reference row. */
  @Benchmark
  public double[] predictBaseline() {
    baseline.predict(referenceData.nextRow(), output);
    return output;
  }

  /** One SGD step of {@code network} on the next batch of the pool. */
  final double train(Classifier network) {
    int b = pool.nextBatch();
    return network.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }

  /** One single-sample {@code predict} of {@code network}. */
  final double[] predict(Classifier network) {
    network.predict(pool.nextSingle(), output);
    return output;
  }

  /** The parameters every network started from, to check that none became NaN or infinite. */
  final double[] initialParameters() {
    return parameters;
  }
}
