package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import org.openjdk.jmh.annotations.Param;

/** Workload W1: {@link TinyNet}, 4-8-3, batch 1. */
public class TinyBenchmark extends WorkloadBenchmark {
  @Param("1")
  public int batch;

  @Override
  int[] sizes() {
    return new int[] {4, 8, 3};
  }

  @Override
  int batchSize() {
    return batch;
  }

  @Override
  Classifier newGenerated(long seed) {
    return new TinyNetImpl(seed);
  }

  @Override
  ReferenceData referenceData(int batchSize) {
    return ReferenceData.uniform(150, 4, 3, batchSize, SamplePool.DATA_SEED);
  }
}
