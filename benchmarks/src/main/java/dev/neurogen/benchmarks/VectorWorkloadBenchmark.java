package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/**
 * A workload that also runs the same network with {@code codeStyle = VECTOR_API}, from the same
 * weights and data.
 */
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector") // for the VECTOR_API network
public abstract class VectorWorkloadBenchmark extends WorkloadBenchmark {
  private Classifier vector;

  /** The same network generated with {@code codeStyle = VECTOR_API}. */
  abstract Classifier newVector(long seed);

  @Override
  void setUpMore() {
    vector = newVector(SamplePool.WEIGHT_SEED);
    vector.setParameters(initialParameters());
  }

  @Override
  void checkMoreFinite() {
    SamplePool.requireFiniteParameters("vector", vector, initialParameters());
  }

  @Benchmark
  public double trainGeneratedVector() {
    return train(vector);
  }

  @Benchmark
  public double[] predictGeneratedVector() {
    return predict(vector);
  }
}
