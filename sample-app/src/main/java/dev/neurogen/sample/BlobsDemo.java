package dev.neurogen.sample;

import java.io.PrintStream;

/**
 * The first tutorial: a four-layer 3-4-4-3 network (sigmoid hidden layers, softmax output,
 * cross-entropy) classifies three Gaussian blobs in 3-D ({@link Blobs}).
 */
final class BlobsDemo {
  static final int TRAIN_PER_CLASS = 50;
  static final int TEST_PER_CLASS = 50;
  static final long DATA_SEED = 2024L;
  static final long TEST_SEED = 2025L;
  static final long NET_SEED = 3L;
  static final long SHUFFLE_SEED = 4L;
  static final int BATCH = 10;
  static final double LEARNING_RATE = 0.5;
  static final int EPOCHS = 200;
  static final int REPORT_EVERY = 40;

  private BlobsDemo() {}

  static ClassifierResult run(PrintStream out) {
    DataSet train = Blobs.generate(TRAIN_PER_CLASS, DATA_SEED);
    DataSet test = Blobs.generate(TEST_PER_CLASS, TEST_SEED);
    Report report = new Report(out);
    report.title("[2/3] Blobs (first tutorial): 3-4-4-3, SIGMOID hidden, SOFTMAX + CROSS_ENTROPY");
    report.line("data:  3 Gaussian blobs in 3-D, centres (2,0,0) (0,2,0) (0,0,2), sd %.1f",
        Blobs.SPREAD);
    report.line("       %d train (data seed %d), %d test (data seed %d)",
        train.size(), DATA_SEED, test.size(), TEST_SEED);
    report.line("train: mini-batch SGD, batch %d, learning rate %.2f, %d epochs,"
        + " weight seed %d, shuffle seed %d",
        BATCH, LEARNING_RATE, EPOCHS, NET_SEED, SHUFFLE_SEED);
    Networks.BlobsNet net = new Networks_BlobsNetImpl(NET_SEED);
    return ClassifierTraining.train(
        net, train, test, new MiniBatchSgd(net, train, BATCH, LEARNING_RATE, SHUFFLE_SEED),
        EPOCHS, REPORT_EVERY, report);
  }
}
