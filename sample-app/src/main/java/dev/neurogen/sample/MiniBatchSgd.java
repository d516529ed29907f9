package dev.neurogen.sample;

import dev.neurogen.Classifier;
import java.util.SplittableRandom;

/**
 * Mini-batch SGD for a classifier: each epoch visits the training samples once in a fresh random
 * order drawn from a seeded generator, so a run is reproducible. The buffers are allocated once.
 */
final class MiniBatchSgd {
  private final Classifier net;
  private final DataSet data;
  private final int batchSize;
  private final double learningRate;
  private final SplittableRandom random;
  private final int[] order;
  private final double[] batchInputs;
  private final int[] batchLabels;

  MiniBatchSgd(Classifier net, DataSet data, int batchSize, double learningRate, long seed) {
    this.net = net;
    this.data = data;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.random = new SplittableRandom(seed);
    this.order = identity(data.size());
    this.batchInputs = new double[batchSize * data.features()];
    this.batchLabels = new int[batchSize];
  }

  /** One pass over the data; the last batch is smaller if the size is not a multiple. */
  void epoch() {
    shuffle(order, random);
    for (int start = 0; start < order.length; start += batchSize) {
      int count = Math.min(batchSize, order.length - start);
      for (int i = 0; i < count; i++) {
        int sample = order[start + i];
        data.copyRow(sample, batchInputs, i * data.features());
        batchLabels[i] = data.label(sample);
      }
      net.trainStep(batchInputs, batchLabels, count, learningRate);
    }
  }

  static int[] identity(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return values;
  }

  /** Fisher-Yates shuffle in place. */
  static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
