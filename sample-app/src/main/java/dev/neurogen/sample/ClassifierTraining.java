package dev.neurogen.sample;

import dev.neurogen.Classifier;

/** The epoch loop and loss table shared by the classifier demos. */
final class ClassifierTraining {
  private ClassifierTraining() {}

  static ClassifierResult train(
      Classifier net, DataSet train, DataSet test, MiniBatchSgd sgd, int epochs, int reportEvery,
      Report report) {
    report.line("%6s  %10s  %10s  %9s", "epoch", "train loss", "test loss", "test acc");
    for (int epoch = 0; epoch <= epochs; epoch++) {
      if (epoch % reportEvery == 0 || epoch == epochs) {
        report.line("%6d  %10.6f  %10.6f  %9s", epoch, train.loss(net), test.loss(net),
            Report.percent(test.accuracy(net)));
      }
      if (epoch < epochs) {
        sgd.epoch();
      }
    }
    ClassifierResult result =
        new ClassifierResult(train.loss(net), train.accuracy(net), test.accuracy(net));
    report.line("final: train accuracy %s (%d samples), test accuracy %s (%d samples)",
        Report.percent(result.trainAccuracy()), train.size(),
        Report.percent(result.testAccuracy()), test.size());
    return result;
  }
}
