package dev.neurogen.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What {@link NetworkClassifier#fit} recorded, one entry per epoch: the mean training loss of the
 * epoch's mini-batches (before each update), and, when {@code validationFraction > 0}, the loss
 * and accuracy on the held-out rows after the epoch (NaN otherwise), and the wall time since the
 * start of training. Immutable.
 */
public final class TrainingSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] trainingLoss;
  private final double[] validationLoss;
  private final double[] validationAccuracy;
  private final double[] seconds;

  TrainingSummary(
      double[] trainingLoss, double[] validationLoss, double[] validationAccuracy,
      double[] seconds) {
    this.trainingLoss = trainingLoss.clone();
    this.validationLoss = validationLoss.clone();
    this.validationAccuracy = validationAccuracy.clone();
    this.seconds = seconds.clone();
  }

  /** Number of epochs recorded. */
  public int epochs() {
    return trainingLoss.length;
  }

  /** Mean training loss per epoch (a copy). */
  public double[] trainingLoss() {
    return trainingLoss.clone();
  }

  /** Validation loss after each epoch, NaN without validation rows (a copy). */
  public double[] validationLoss() {
    return validationLoss.clone();
  }

  /** Validation accuracy after each epoch, NaN without validation rows (a copy). */
  public double[] validationAccuracy() {
    return validationAccuracy.clone();
  }

  /** Seconds from the start of training to the end of each epoch (a copy). */
  public double[] seconds() {
    return seconds.clone();
  }

  @Override
  public String toString() {
    return "TrainingSummary(trainingLoss=" + Arrays.toString(trainingLoss)
        + ", validationLoss=" + Arrays.toString(validationLoss)
        + ", validationAccuracy=" + Arrays.toString(validationAccuracy) + ")";
  }
}
