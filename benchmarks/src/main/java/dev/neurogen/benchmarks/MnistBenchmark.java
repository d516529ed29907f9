package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import org.openjdk.jmh.annotations.Param;

/** Workload W3: {@link MnistNet}, 784-128-64-10, batch 32, also as {@link MnistVectorNet}. */
public class MnistBenchmark extends VectorWorkloadBenchmark {
  @Param("32")
  public int batch;

  @Override
  int[] sizes() {
    return new int[] {784, 128, 64, 10};
  }

  @Override
  int batchSize() {
    return batch;
  }

  @Override
  Classifier newGenerated(long seed) {
    return new MnistNetImpl(seed);
  }

  @Override
  Classifier newVector(long seed) {
    return new MnistVectorNetImpl(seed);
  }

  @Override
  ReferenceData referenceData(int batchSize) {
    return ReferenceData.fashionMnist(batchSize);
  }
}
