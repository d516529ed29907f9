package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import org.openjdk.jmh.annotations.Param;

/** Workload W2: {@link DigitsNet}, 64-32-10, batch 16, also as {@link DigitsVectorNet}. */
public class DigitsBenchmark extends VectorWorkloadBenchmark {
  @Param("16")
  public int batch;

  @Override
  int[] sizes() {
    return new int[] {64, 32, 10};
  }

  @Override
  int batchSize() {
    return batch;
  }

  @Override
  Classifier newGenerated(long seed) {
    return new DigitsNetImpl(seed);
  }

  @Override
  Classifier newVector(long seed) {
    return new DigitsVectorNetImpl(seed);
  }

  @Override
  ReferenceData referenceData(int batchSize) {
    return ReferenceData.digits(batchSize);
  }
}
