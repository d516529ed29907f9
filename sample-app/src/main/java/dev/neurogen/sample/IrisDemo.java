package dev.neurogen.sample;

import java.io.PrintStream;
import java.util.SplittableRandom;

/**
 * A 4-8-3 tanh/softmax classifier on Fisher's iris data. The split is stratified: a seeded shuffle
 * of each species puts 10 of its 50 flowers in the test set, so the test set has 30 flowers, 10 per
 * species, and the training set 120. Features are standardised with the training set's mean and
 * standard deviation.
 */
final class IrisDemo {
  static final int TEST_PER_CLASS = 10;
  static final long SPLIT_SEED = 17L;
  static final long NET_SEED = 42L;
  static final long SHUFFLE_SEED = 7L;
  static final int BATCH = 10;
  static final double LEARNING_RATE = 0.05;
  static final int EPOCHS = 200;
  static final int REPORT_EVERY = 40;

  private IrisDemo() {}

  static ClassifierResult run(PrintStream out) {
    DataSet all = IrisData.load();
    DataSet[] split = stratifiedSplit(all, TEST_PER_CLASS, SPLIT_SEED);
    Standardiser standardiser = Standardiser.fit(split[0]);
    DataSet train = standardiser.apply(split[0]);
    DataSet test = standardiser.apply(split[1]);

    Report report = new Report(out);
    report.title("[3/3] Iris: 4-8-3, TANH hidden, SOFTMAX + CROSS_ENTROPY");
    report.line("data:  %d flowers (%s), 4 measurements each",
        all.size(), String.join(", ", all.classNames()));
    report.line("       %d train / %d test (stratified, split seed %d),"
        + " standardised with train mean and sd",
        train.size(), test.size(), SPLIT_SEED);
    report.line("train: mini-batch SGD, batch %d, learning rate %.2f, %d epochs,"
        + " weight seed %d, shuffle seed %d",
        BATCH, LEARNING_RATE, EPOCHS, NET_SEED, SHUFFLE_SEED);
    Networks.IrisNet net = new Networks_IrisNetImpl(NET_SEED);
    return ClassifierTraining.train(
        net, train, test, new MiniBatchSgd(net, train, BATCH, LEARNING_RATE, SHUFFLE_SEED),
        EPOCHS, REPORT_EVERY, report);
  }

  /** {train, test}: per class, a seeded shuffle sends the first {@code testPerClass} to test. */
  static DataSet[] stratifiedSplit(DataSet data, int testPerClass, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = MiniBatchSgd.identity(data.size());
    MiniBatchSgd.shuffle(order, random);
    int[] taken = new int[data.classes()];
    int[] test = new int[testPerClass * data.classes()];
    int[] train = new int[data.size() - test.length];
    int testCount = 0;
    int trainCount = 0;
    for (int sample : order) {
      int label = data.label(sample);
      if (taken[label] < testPerClass) {
        taken[label]++;
        test[testCount++] = sample;
      } else {
        train[trainCount++] = sample;
      }
    }
    if (testCount != test.length) {
      throw new IllegalStateException("a class has fewer than " + testPerClass + " samples");
    }
    return new DataSet[] {data.select(train), data.select(test)};
  }
}
