package dev.neurogen.processor.model;

import dev.neurogen.Loss;
import dev.neurogen.Precision;
import java.util.EnumSet;
import java.util.Set;

/** The runtime interfaces a generated network implements, chosen by its loss. */
public enum TrainingInterface {
  /** {@code dev.neurogen.Classifier} (float: {@code FloatClassifier}): integer labels and {@code classify}. */
  CLASSIFIER("dev.neurogen.Classifier", "dev.neurogen.FloatClassifier"),
  /** {@code dev.neurogen.TargetTrainable} (float: {@code FloatTargetTrainable}): real-valued target rows. */
  TARGET_TRAINABLE("dev.neurogen.TargetTrainable", "dev.neurogen.FloatTargetTrainable");

  /** The base interface every network implements. */
  public static final String NEURAL_NETWORK = "dev.neurogen.NeuralNetwork";

  /** The base interface of float networks. */
  public static final String FLOAT_NETWORK = "dev.neurogen.FloatNetwork";

  private final String qualifiedName;
  private final String floatName;

  TrainingInterface(String qualifiedName, String floatName) {
    this.qualifiedName = qualifiedName;
    this.floatName = floatName;
  }

  /** The interface of this kind for a network of the given precision. */
  public String qualifiedName(Precision precision) {
    return precision == Precision.FLOAT ? floatName : qualifiedName;
  }

  /** The base interface of every network of the given precision. */
  public static String base(Precision precision) {
    return precision == Precision.FLOAT ? FLOAT_NETWORK : NEURAL_NETWORK;
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
