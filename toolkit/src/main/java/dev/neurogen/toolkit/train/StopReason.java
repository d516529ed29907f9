package dev.neurogen.toolkit.train;

/** Why {@link Trainer#fit} ended. */
public enum StopReason {
  /** All configured epochs ran. */
  COMPLETED,
  /** The monitored metric did not improve for {@code patience} epochs. */
  EARLY_STOPPING,
  /** A {@link FitListener} asked to stop. */
  LISTENER
}
