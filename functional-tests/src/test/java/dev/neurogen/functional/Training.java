package dev.neurogen.functional;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.optim.OptimizerState;

/** Calls either form of trainStep with an optimizer state. */
final class Training {
  private Training() {}

  static double step(NeuralNetwork network, TargetForm form, double[] inputs, int[] labels, double[] rows, int size,
      OptimizerState state) {
    return form == TargetForm.LABELS
        ? ((Classifier) network).trainStep(inputs, labels, size, state)
        : ((TargetTrainable) network).trainStep(inputs, rows, size, state);
  }

  static double step(NeuralNetwork network, TargetForm form, Batches data, OptimizerState state) {
    return step(network, form, data.inputs, data.labels, data.rows, data.size, state);
  }

  static double[] parameters(NeuralNetwork network) {
    double[] values = new double[network.parameterCount()];
    network.getParameters(values);
    return values;
  }
}
