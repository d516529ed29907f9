package dev.neurogen.processor.model;

import dev.neurogen.Loss;
import java.util.EnumSet;
import java.util.Set;

/** The runtime interfaces a generated network implements, chosen by its loss. */
public enum TrainingInterface {
  /** {@code dev.neurogen.Classifier}: integer labels and {@code classify}. */
  CLASSIFIER("dev.neurogen.Classifier"),
  /** {@code dev.neurogen.TargetTrainable}: real-valued target rows. */
  TARGET_TRAINABLE("dev.neurogen.TargetTrainable");

  /** The base interface every network implements. */
  public static final String NEURAL_NETWORK = "dev.neurogen.NeuralNetwork";

  private final String qualifiedName;

  TrainingInterface(String qualifiedName) {
    this.qualifiedName = qualifiedName;
  }

  public String qualifiedName() {
    return qualifiedName;
  }

  /** CROSS_ENTROPY takes labels and soft-label rows; HINGE labels only; MSE and BCE rows only. */
  public static Set<TrainingInterface> forLoss(Loss loss) {
    switch (loss) {
      case CROSS_ENTROPY:
        return EnumSet.of(CLASSIFIER, TARGET_TRAINABLE);
      case HINGE:
        return EnumSet.of(CLASSIFIER);
      case MSE:
      case BINARY_CROSS_ENTROPY:
        return EnumSet.of(TARGET_TRAINABLE);
      default:
        throw new AssertionError(loss);
    }
  }
}
