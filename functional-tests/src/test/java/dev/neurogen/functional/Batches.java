package dev.neurogen.functional;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import java.util.SplittableRandom;

/**
 * A seeded random batch for a network, in every target form the network accepts, and a uniform
 * way to call its loss and gradient with one of them.
 */
public final class Batches {
  /** Which argument carries the targets. */
  public enum TargetForm {
    LABELS,
    ROWS
  }

  public final int size;
  public final double[] inputs;
  public final int[] labels;
  public final double[] rows;

  /**
   * Inputs ~ U(-1.5, 1.5); labels uniform; target rows: probability rows summing to 1 for
   * classifiers (soft labels), values in [0, 1] otherwise (valid for MSE and BCE alike).
   */
  public Batches(NeuralNetwork network, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n0 = network.inputSize();
    int n = network.outputSize();
    this.size = size;
    this.inputs = new double[size * n0];
    for (int k = 0; k < inputs.length; k++) {
      inputs[k] = random.nextDouble(-1.5, 1.5);
    }
    this.labels = new int[size];
    this.rows = new double[size * n];
    for (int s = 0; s < size; s++) {
      labels[s] = random.nextInt(n);
      double sum = 0;
      for (int k = 0; k < n; k++) {
        rows[s * n + k] = random.nextDouble();
        sum += rows[s * n + k];
      }
      if (network instanceof Classifier) {
        for (int k = 0; k < n; k++) {
          rows[s * n + k] /= sum;
        }
      }
    }
  }

  public static boolean accepts(NeuralNetwork network, TargetForm form) {
    return form == TargetForm.LABELS ? network instanceof Classifier : network instanceof TargetTrainable;
  }

  public double lossAndGradient(NeuralNetwork network, TargetForm form, double[] gradient, double[] inputGradient) {
    return form == TargetForm.LABELS
        ? ((Classifier) network).lossAndGradient(inputs, labels, size, gradient, inputGradient)
        : ((TargetTrainable) network).lossAndGradient(inputs, rows, size, gradient, inputGradient);
  }

  public double loss(NeuralNetwork network, TargetForm form, double[] someInputs) {
    return form == TargetForm.LABELS
        ? ((Classifier) network).loss(someInputs, labels, size)
        : ((TargetTrainable) network).loss(someInputs, rows, size);
  }

  public double trainStep(NeuralNetwork network, TargetForm form, double learningRate) {
    return form == TargetForm.LABELS
        ? ((Classifier) network).trainStep(inputs, labels, size, learningRate)
        : ((TargetTrainable) network).trainStep(inputs, rows, size, learningRate);
  }
}
