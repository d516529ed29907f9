package dev.neurogen.sample;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The third tutorial: a 2-2-2-1 network with sigmoid units everywhere learns XOR by full-batch
 * gradient descent on the mean squared error (1/2 (z - y)^2 per sample) of the four points.
 *
 * <p>A network this small has a well-known local minimum for XOR: two of the four points settle
 * at output 0.5 and the loss stalls at 0.0625. About a quarter of initial seeds end there (seed 1
 * does, for example); seed 0 does not. That is the mathematics of the tiny network, not a
 * training bug: the generated gradient agrees with finite differences.
 */
final class XorDemo {
  static final double[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
  static final double[] TARGETS = {0, 1, 1, 0};
  static final long SEED = 0L;
  static final double LEARNING_RATE = 2.0;
  static final int EPOCHS = 5_000;
  static final int REPORT_EVERY = 500;

  /** Final mean loss over the four points and how many outputs round to their target. */
  record Result(double loss, int correct) {}

  private XorDemo() {}

  static Result run(PrintStream out) {
    Report report = new Report(out);
    report.title("[1/3] XOR (third tutorial): 2-2-2-1, SIGMOID hidden + SIGMOID output, MSE");
    report.line("data:  the 4 XOR points, targets 0 1 1 0");
    report.line("train: full-batch SGD, learning rate %.1f, %d epochs, weight seed %d",
        LEARNING_RATE, EPOCHS, SEED);
    Networks.XorNet net = new Networks_XorNetImpl(SEED);
    report.line("%6s  %10s", "epoch", "loss");
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      // trainStep returns the loss before its update, i.e. the loss after `epoch` updates.
      double loss = net.trainStep(INPUTS, TARGETS, 4, LEARNING_RATE);
      if (epoch % REPORT_EVERY == 0) {
        report.line("%6d  %10.6f", epoch, loss);
      }
    }
    double loss = net.loss(INPUTS, TARGETS, 4);
    report.line("%6d  %10.6f", EPOCHS, loss);

    StringBuilder outputs = new StringBuilder();
    double[] input = new double[2];
    double[] output = new double[1];
    int correct = 0;
    for (int s = 0; s < 4; s++) {
      System.arraycopy(INPUTS, 2 * s, input, 0, 2);
      net.predict(input, output);
      if (Math.round(output[0]) == Math.round(TARGETS[s])) {
        correct++;
      }
      outputs.append(String.format(Locale.ROOT, "  %.0f xor %.0f -> %.3f",
          input[0], input[1], output[0]));
    }
    report.line("outputs:%s", outputs);
    report.line(
        "final loss %.6f, accuracy %d/4 (%s)", loss, correct, Report.percent(correct / 4.0));
    return new Result(loss, correct);
  }
}
